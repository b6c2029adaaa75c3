// Loads Recurrent's own TypeScript modules into a tslab notebook, exactly as `npm start`
// runs them (through tsx). Why a CommonJS file: tslab compiles every cell to CommonJS and
// runs it in node:vm, where import() is unavailable (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING),
// and its TypeScript 5.0 compiler refuses our ESM sources (.ts import extensions, files
// outside the notebook's folder). A file loaded with require() may call import(), so this
// one registers tsx's ESM loader once and imports src/ modules by path.
// The types come separately: notebooks/.types (see tsconfig.types.json).
'use strict';
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const SRC = path.resolve(__dirname, '..', 'src');
let registered;

/** Imports src/<modulePath> (e.g. 'forecaster.ts'); every call shares one module graph. */
async function importRecurrent(modulePath = 'forecaster.ts') {
  // tsx's own CommonJS entry of esm/api cannot register its loader (tsx 4.x), so use its ESM entry.
  registered ??= import('tsx/esm/api').then(({ register }) => register());
  await registered;
  return import(pathToFileURL(path.join(SRC, modulePath)).href);
}

module.exports = { importRecurrent };
