// Integration tests wait on real servers and on virtual time that the test server skips through.
jest.setTimeout(180_000);
// On a loaded 2-core CI machine a busy worker can take more than the API's 3 s to answer a query; the tests
// check the workflow path, not the fallback, so they give it longer.
process.env.DONDOC_QUERY_TIMEOUT_MS ??= '20000';
