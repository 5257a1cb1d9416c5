// Writes docs/DATA.md from the dataset contract.
import fs from 'node:fs';
import { dataDoc } from '../electron/core/import/data-doc.js';

fs.writeFileSync('docs/DATA.md', dataDoc() + '\n');
console.log('docs/DATA.md written');
