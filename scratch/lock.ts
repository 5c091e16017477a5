import { openDatabase } from '../src/store/database.js';
const db = await openDatabase('/tmp/x1.duckdb');
await new Promise(r=>setTimeout(r,3000)); db.close();
