#!/usr/bin/env node
// The installed `ptrack` command. It lives outside dist/ so that `npm ci` on a fresh clone can
// link it before anything is built (npm skips bins whose file is missing); it runs the build.
import('../dist/bin.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/bin.js')) {
    process.stderr.write('ptrack is not built yet: run `npm run build` at the repository root first.\n');
    process.exit(1);
  }
  throw error;
});
