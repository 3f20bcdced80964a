// What each fixture app does once it has asked for the WASM module: the rule ids checkSql found, or
// the error init() rejected with, written into the page for the test to read.
export function report(loading, checkSql) {
  const out = document.getElementById('out');
  loading.then(
    () => {
      out.dataset.rules = checkSql('DROP TABLE "User";', { file: 'a.sql' }).findings.map((finding) => finding.rule).join(' ');
    },
    (error) => {
      out.dataset.error = String(error?.message ?? error);
    },
  );
}
