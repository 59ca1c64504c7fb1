// Integration tests wait on real servers and on virtual time that the test server skips through.
jest.setTimeout(180_000);
