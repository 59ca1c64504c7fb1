import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectNats, ensureStreams, EVENTS_STREAM, type NatsHandles } from '../../nats/streams';
import { writeNatsConfig } from '../../stack/nats-config';
import { freePort, startProcess, waitForPort, type ManagedProcess } from '../../stack/processes';

/**
 * The audit stream on a nats-server with little JetStream storage, as on a CI machine or a small VM whose disk is
 * nearly full: the stream must still be created (no fixed reservation larger than the server can give), and an
 * explicit cap the server cannot reserve must fail with an error that names the setting to change.
 */
describe('audit stream provisioning on a small JetStream store', () => {
  let dir: string;
  let server: ManagedProcess;
  let nats: NatsHandles;

  /** A nats-server on `dir` that may use `maxFileStore` of JetStream storage. */
  async function startNats(maxFileStore: string): Promise<void> {
    const port = await freePort();
    const conf = writeNatsConfig({ dir, port, maxFileStore });
    server = startProcess({
      name: `nats-${maxFileStore}`,
      command: process.env.DONDOC_TEST_NATS_BIN ?? 'nats-server',
      args: ['-c', conf],
      logFile: path.join(dir, `nats-${maxFileStore}.log`),
    });
    await waitForPort('127.0.0.1', port, 20_000, server);
    nats = await connectNats(`nats://127.0.0.1:${port}`, 'dondoc-streams-test');
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-small-js-'));
    await startNats('64MB');
  });

  afterAll(async () => {
    await nats?.nc.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates the stream without a cap of its own, durable and deduplicating', async () => {
    await ensureStreams(nats.jsm);
    const info = await nats.jsm.streams.info(EVENTS_STREAM);
    expect(info.config.max_bytes).toBe(-1);
    expect(info.config.discard).toBe('new');
    expect(info.config.duplicate_window).toBe(24 * 60 * 60 * 1e9);
    // A second call is an idempotent update.
    await ensureStreams(nats.jsm);
  });

  it('applies a cap that fits, and names NATS_EVENTS_MAX_BYTES when the cap does not fit', async () => {
    await ensureStreams(nats.jsm, 1, 32 * 1024 * 1024);
    expect((await nats.jsm.streams.info(EVENTS_STREAM)).config.max_bytes).toBe(32 * 1024 * 1024);

    await expect(ensureStreams(nats.jsm, 1, 50 * 1024 ** 3)).rejects.toThrow(/NATS_EVENTS_MAX_BYTES/);
    // The refused change left the working stream as it was.
    expect((await nats.jsm.streams.info(EVENTS_STREAM)).config.max_bytes).toBe(32 * 1024 * 1024);
  });

  it('keeps working, with a warning, when the store shrank below the cap the stream was created with', async () => {
    // The same data on a server that can now reserve only 16 MB (less free disk, a smaller max_file_store):
    // NATS refuses every update of the 32 MB stream, even the one that removes its cap.
    await nats.nc.close();
    await server.stop();
    await startNats('16MB');

    const warnings = await ensureStreams(nats.jsm);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/keeps its cap of 33554432 bytes.*max_file_store/);
    const ack = await nats.js.publish('dondoc.events.p.t.u.TaskAssigned', '{}', { msgID: 'still-works' });
    expect(ack.duplicate).toBe(false);
    // Raising the cap is still refused with the setting's name.
    await expect(ensureStreams(nats.jsm, 1, 50 * 1024 ** 3)).rejects.toThrow(/NATS_EVENTS_MAX_BYTES/);
  });
});
