//! `npm run docs`: write the documents generated from the code, the README's rules table,
//! `config.schema.json` and the `RuleId` union of `src/types.d.ts` (tests in src/docs.rs fail while the committed copies are stale).

use std::fs;
use std::path::Path;

fn main() -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme_path = root.join("README.md");
    let readme = fs::read_to_string(&readme_path).map_err(|e| format!("{}: {e}", readme_path.display()))?;
    let updated = migration_lint::docs::with_rules_table(&readme).ok_or("README.md lacks the rules markers")?;
    let schema_path = root.join("config.schema.json");
    let types_path = root.join("src/types.d.ts");
    let types = fs::read_to_string(&types_path).map_err(|e| format!("{}: {e}", types_path.display()))?;
    let types = migration_lint::docs::with_rule_ids(&types).ok_or("src/types.d.ts lacks the rule id markers")?;
    let generated =
        [(&readme_path, updated), (&schema_path, migration_lint::docs::config_schema_text()), (&types_path, types)];
    for (path, text) in generated {
        if fs::read_to_string(path).ok().as_deref() != Some(text.as_str()) {
            fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            println!("wrote {}", path.display());
        }
    }
    Ok(())
}
