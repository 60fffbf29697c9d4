//! The labelled triage fixture (tests/fixtures/triage/messages.jsonl, 320 EN/DE support messages), compiled in so
//! the benchmark runs from any directory. Rule events use its texts as message bodies and the classifier trains on it.

use serde::Deserialize;

const MESSAGES: &str = include_str!("../../../tests/fixtures/triage/messages.jsonl");

/// One fixture line; the language and sentiment labels are not needed here.
#[derive(Clone, Debug, Deserialize)]
pub struct Labelled {
    pub text: String,
    pub team: String,
}

/// Every message of the fixture, in file order. The file is part of the repository, so a broken line is a bug in
/// the checkout and worth stopping for.
pub fn messages() -> Vec<Labelled> {
    MESSAGES
        .lines()
        .filter(|line| !line.trim().is_empty())
        .enumerate()
        .map(|(index, line)| {
            serde_json::from_str(line).unwrap_or_else(|error| panic!("fixture line {}: {error}", index + 1))
        })
        .collect()
}

/// The distinct words of the fixture (letters only, at least three), in first-seen order: the noise the classifier
/// section appends to messages.
pub fn vocabulary(messages: &[Labelled]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut words = Vec::new();
    for message in messages {
        for word in message.text.split(|c: char| !c.is_alphabetic()).filter(|word| word.chars().count() >= 3) {
            if seen.insert(word.to_lowercase()) {
                words.push(word.to_string());
            }
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fixture_has_its_320_messages_in_five_teams() {
        let messages = messages();
        assert_eq!(messages.len(), 320);
        let teams: std::collections::BTreeSet<&str> = messages.iter().map(|m| m.team.as_str()).collect();
        assert_eq!(teams.len(), 5, "{teams:?}");
        assert!(vocabulary(&messages).len() > 500);
    }
}
