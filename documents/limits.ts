/** Bounds on reading one document: every refusal below them is a clear error, never an out-of-memory crash. */
export interface DocumentLimits {
  /** Largest file accepted, in bytes (DONDOC_DOCUMENT_MAX_BYTES). */
  maxBytes: number;
  /** Largest total a zip (.docx, .xlsx) may inflate to, from its declared sizes. */
  maxUnzippedBytes: number;
  /** Largest inflate ratio of one zip entry: a real Word or Excel part compresses 5–20×, a bomb 1000×. */
  maxRatio: number;
  /** Most entries in a zip. */
  maxEntries: number;
  /** Most pages of a PDF. */
  maxPages: number;
  /** Longest the PDF reader may run, in ms. */
  timeoutMs: number;
  /** Heap of the PDF reader's worker thread, in MB. */
  workerHeapMb: number;
}

export const DEFAULT_LIMITS: DocumentLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxUnzippedBytes: 200 * 1024 * 1024,
  maxRatio: 200,
  maxEntries: 5000,
  maxPages: 500,
  timeoutMs: 30_000,
  workerHeapMb: 256,
};

/** Why a file could not be read: its name, what was expected, and the HTTP status the API answers with. */
export class DocumentError extends Error {
  constructor(
    readonly file: string,
    readonly expected: string,
    message: string,
    /** 413: too large; 415: not a format dondoc reads; 422: a readable format but a damaged or unusable file. */
    readonly status: 413 | 415 | 422,
  ) {
    super(message);
    this.name = 'DocumentError';
  }
}
