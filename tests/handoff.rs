//! Our lexer's tokens handed to sqlparser's parser (`syntax::handoff`) read every statement as
//! sqlparser's own tokenizer does: on every statement of the shared corpus (and on hand-made
//! cases of every shape the conversion accepts or refuses), where the conversion gives tokens,
//! they are sqlparser's tokens (whitespace and comments as one space) and they parse to the same
//! syntax tree, or fail to parse where the text fails.

use std::fs;
use std::path::{Path, PathBuf};

use migration_lint::syntax::analysis::pieces;
use migration_lint::syntax::handoff::parser_tokens;
use migration_lint::syntax::lexer::{tokenize, Token};
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::{Token as SqlToken, Tokenizer, Whitespace};

/// Each statement of `sql`: its text without the `;`, and its comment-free tokens.
fn statements(sql: &str) -> Vec<(&str, Vec<Token>)> {
    let code: Vec<Token> = tokenize(sql).into_iter().filter(|t| !t.is_comment()).collect();
    pieces(sql)
        .into_iter()
        .map(|piece| {
            let from = code.partition_point(|t| t.span.start < piece.span.start);
            let to = code.partition_point(|t| t.span.end <= piece.span.end);
            let mut body = code[from..to].to_vec();
            if body.last().is_some_and(|t| t.is_punct(';')) {
                body.pop();
            }
            let text = &sql[body[0].span.start..body.last().unwrap().span.end];
            (text, body)
        })
        .collect()
}

/// sqlparser's tokens of `text`, each run of whitespace and comments as one space.
fn sqlparser_tokens(text: &str) -> Option<Vec<SqlToken>> {
    let tokens = Tokenizer::new(&PostgreSqlDialect {}, text).tokenize().ok()?;
    let mut out: Vec<SqlToken> = Vec::new();
    for token in tokens {
        match token {
            SqlToken::Whitespace(_) => {
                if !matches!(out.last(), Some(SqlToken::Whitespace(_))) {
                    out.push(SqlToken::Whitespace(Whitespace::Space));
                }
            }
            SqlToken::EOF => {}
            token => out.push(token),
        }
    }
    Some(out)
}

/// Whether the statement converted, after checking that the conversion agrees with sqlparser.
fn agrees(sql: &str, text: &str, body: &[Token]) -> Result<bool, String> {
    let Some(converted) = parser_tokens(sql, body) else { return Ok(false) };
    let ours: Vec<SqlToken> = converted.iter().map(|t| t.token.clone()).collect();
    let theirs = sqlparser_tokens(text).ok_or_else(|| format!("converted, but sqlparser cannot tokenize: {text}"))?;
    if ours != theirs {
        return Err(format!("tokens differ for {text:?}:\n ours:   {ours:?}\n theirs: {theirs:?}"));
    }
    let dialect = PostgreSqlDialect {};
    let handed = Parser::new(&dialect).with_tokens_with_locations(converted).parse_statements();
    let read = Parser::parse_sql(&dialect, text);
    match (handed, read) {
        (Ok(a), Ok(b)) if a == b => Ok(true),
        (Err(_), Err(_)) => Ok(true),
        (a, b) => Err(format!("trees differ for {text:?}:\n ours:   {a:?}\n theirs: {b:?}")),
    }
}

#[test]
fn every_accepted_shape_reads_as_sqlparser_reads_it() {
    let converted = [
        r#"CREATE TABLE "public"."User" ("id" TEXT NOT NULL, "n" INTEGER NOT NULL DEFAULT 0, "p" DECIMAL(65,30), CONSTRAINT "User_pkey" PRIMARY KEY ("id"))"#,
        "ALTER TABLE \"a\" ADD CONSTRAINT \"a_b_fkey\" FOREIGN KEY (\"b\") REFERENCES \"b\"(\"id\") ON DELETE CASCADE ON UPDATE CASCADE",
        "CREATE UNIQUE INDEX \"a_x_key\" ON \"a\"(\"x\")",
        "ALTER TABLE a ALTER COLUMN \"s\" SET DEFAULT 'it''s'",
        "ALTER TABLE a ADD COLUMN tags TEXT[] DEFAULT ARRAY[]::TEXT[]",
        "UPDATE a SET n = n + 1 WHERE x <> 2 AND y != 3 AND z <= 4 AND w >= 5 AND v < 6 AND u > 7",
        "SELECT 1 * 2 / 3 % 4 - 5",
        "SELECT 'a'::text, (1)::int",
        "SELECT 1.5, 1., .5, -2, - 3.25",
        "SELECT a || 'x', b->'k', c->>'k', d - -1",
        "CREATE TABLE t (p DOUBLE PRECISION NOT NULL DEFAULT 0.0, q DECIMAL(10,2) DEFAULT 12.50)",
        "CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql",
        "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1 $body$ LANGUAGE sql",
        "DELETE FROM a /* a comment */ WHERE -- another\n x = 1",
        "CREATE TABLE \"Ünïcödé\" (\"naïve\" TEXT DEFAULT 'ça')",
        "SELECT a.b, \"x\".\"y\", 1,2",
    ];
    let refused = [
        "SELECT E'a\\nb'",
        "SELECT 1.5e3",
        "SELECT 1..2",
        "SELECT a ||/ b",
        "SELECT a #>> '{k}'",
        "SELECT 1e3",
        "SELECT 0x1F",
        "SELECT 1_000",
        "SELECT $1",
        "SELECT a @> b",
        "SELECT x := 1",
        "SELECT $$ a $ b $$",
        "SELECT B'101', X'1F', N'x', U&'d\\0061t'",
        "SELECT \u{a0}1",
        "SELECT 'open",
    ];
    for (texts, converts) in [(&converted[..], true), (&refused[..], false)] {
        for text in texts {
            let sql = format!("{text};");
            let (statement, body) = statements(&sql).remove(0);
            assert_eq!(agrees(&sql, statement, &body), Ok(converts), "{text}");
        }
    }
}

fn corpus_files() -> Vec<PathBuf> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut files = Vec::new();
    let Ok(projects) = fs::read_dir(&corpus) else {
        eprintln!("note: ../shared/corpus not found; the corpus part is skipped");
        return files;
    };
    for project in projects.flatten() {
        for migration in fs::read_dir(project.path()).into_iter().flatten().flatten() {
            let sql = migration.path().join("migration.sql");
            if sql.is_file() {
                files.push(sql);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_corpus_statement_converts_as_sqlparser_reads_it() {
    let (mut total, mut converted) = (0usize, 0usize);
    let mut failures = Vec::new();
    for file in corpus_files() {
        let sql = fs::read_to_string(&file).unwrap();
        for (text, body) in statements(&sql) {
            total += 1;
            match agrees(&sql, text, &body) {
                Ok(true) => converted += 1,
                Ok(false) => {}
                Err(problem) => failures.push(format!("{}: {problem}", file.display())),
            }
        }
    }
    assert!(failures.is_empty(), "{} of {total} statements disagree:\n{}", failures.len(), failures.join("\n\n"));
    if total > 0 {
        // The point of the conversion is speed: most real statements must take it.
        let share = converted as f64 / total as f64;
        eprintln!("handoff: {converted} of {total} corpus statements converted ({:.1}%)", share * 100.0);
        assert!(share > 0.9, "only {converted} of {total} corpus statements converted");
    }
}

/// `U&"..."` names, which sqlparser's tokenizer cannot read, are handed over decoded: the statement
/// parses to the tree of the same statement with the plain quoted name.
#[test]
fn unicode_escaped_names_read_as_their_plain_quoted_names() {
    let dialect = PostgreSqlDialect {};
    for (escaped, plain) in [
        (r#"ALTER TABLE U&"d\0061t\+000061" ADD COLUMN "x" INT"#, r#"ALTER TABLE "data" ADD COLUMN "x" INT"#),
        (r#"CREATE TABLE u&"\00e9t\00e9" ("a" TEXT)"#, r#"CREATE TABLE "été" ("a" TEXT)"#),
    ] {
        let sql = format!("{escaped};");
        let (_, body) = statements(&sql).remove(0);
        let converted = parser_tokens(&sql, &body).expect("converted");
        let handed = Parser::new(&dialect).with_tokens_with_locations(converted).parse_statements().unwrap();
        assert_eq!(handed, Parser::parse_sql(&dialect, plain).unwrap(), "{escaped}");
        assert!(Parser::parse_sql(&dialect, escaped).is_err(), "sqlparser alone still cannot read {escaped}");
    }
    // With another escape character, or an invalid escape, the statement is left to sqlparser.
    for text in [r#"SELECT U&"d!0061t" UESCAPE '!'"#, r#"SELECT U&"\zz""#] {
        let sql = format!("{text};");
        let (_, body) = statements(&sql).remove(0);
        assert!(parser_tokens(&sql, &body).is_none(), "{text}");
    }
}
