// The peer of durchblick-transform in `make bench`: DuckDB (npm @duckdb/node-api)
// loading the same CSV and computing the placement rate of the exits by five
// dimensions for 2022 and for 2021, the period the reports compare it with.
// Prints the number of result rows (to check it did the work).
import { createRequire } from 'node:module';
// Installed by bench/run.sh under bench/.npm (not committed).
const require = createRequire(new URL('./.npm/package.json', import.meta.url));
const { DuckDBInstance } = require('@duckdb/node-api');

const csv = process.argv[2];
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
await con.run(`CREATE TABLE t AS SELECT * FROM read_csv('${csv.replace(/'/g, "''")}', header = true)`);
const age = `CASE WHEN year(eintritt) - geburtsjahr BETWEEN 18 AND 20 THEN '18-20'
  WHEN year(eintritt) - geburtsjahr BETWEEN 21 AND 23 THEN '21-23'
  WHEN year(eintritt) - geburtsjahr BETWEEN 24 AND 27 THEN '24-27' ELSE 'ausserhalb' END`;
let rows = 0;
for (const year of [2022, 2021]) {
  for (const dim of ['baustein', 'kommune', 'aufenthaltsstatus', 'geschlecht', age]) {
    const reader = await con.runAndReadAll(`
      SELECT ${dim} AS kategorie,
             count(*) FILTER (WHERE verbleib IN ('ausbildung', 'arbeit', 'qualifizierung', 'schule')) AS vermittelt,
             count(*) AS austritte,
             vermittelt / austritte AS quote
      FROM t WHERE austritt BETWEEN DATE '${year}-01-01' AND DATE '${year}-12-31' GROUP BY 1`);
    rows += reader.getRows().length;
  }
}
console.log(rows);
