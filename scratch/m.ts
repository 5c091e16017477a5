import { openDatabase } from '../src/store/database.js';
const db = await openDatabase('/tmp/x1.duckdb');
console.log(await db.all('select * from schema_migrations'));
console.log(await db.all("select table_name from information_schema.tables"));
db.close();
