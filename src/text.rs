//! Small helpers for the words of messages: lists of names, optional names, and "did you mean"
//! suggestions.

/// `a`, `a and b`, `a, b and c`; after `max` items, `and N more`.
pub fn list<S: AsRef<str>>(items: &[S], max: usize) -> String {
    let shown: Vec<&str> = items.iter().take(max).map(AsRef::as_ref).collect();
    let more = items.len().saturating_sub(max);
    match (shown.as_slice(), more) {
        ([], _) => String::new(),
        (shown, more) if more > 0 => format!("{} and {more} more", shown.join(", ")),
        ([one], _) => one.to_string(),
        ([rest @ .., last], _) => format!("{} and {last}", rest.join(", ")),
    }
}

/// ` `name`` after the word it names (`adds index `i``), or nothing for an unnamed object.
pub fn named(name: Option<impl std::fmt::Display>) -> String {
    name.map(|n| format!(" `{n}`")).unwrap_or_default()
}

/// Edit distance (Levenshtein, case-insensitive), for "did you mean".
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// The candidate nearest to `word`, if it is near enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 2).max(2);
    candidates
        .into_iter()
        .map(|c| (distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// "; did you mean `x`?" for the candidate closest to `word`, or nothing: the tail of a message
/// about an unknown key, rule or value.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(word, candidates).map_or(String::new(), |near| format!("; did you mean `{near}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_names_a_few_then_counts() {
        let items: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        assert_eq!(list(&items[..1], 5), "a");
        assert_eq!(list(&items, 5), "a, b and c");
        assert_eq!(list(&items, 2), "a, b and 1 more");
        assert_eq!(list::<&str>(&[], 2), "");
    }

    #[test]
    fn closest_only_suggests_near_words() {
        assert_eq!(closest("drop-colum", ["drop-column", "drop-table"]), Some("drop-column"));
        assert_eq!(closest("xyz", ["drop-column", "drop-table"]), None);
    }
}
