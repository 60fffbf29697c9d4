//! Words too common in English and German support messages to say what a ticket is about. Suggestions for a
//! ticket search with the words that are left; the lists are folded (no umlauts), like the search index.

pub(crate) const STOPWORDS: &[&str] = &[
    // English
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been",
    "before", "but", "by", "can", "cannot", "could", "did", "do", "does", "dont", "for", "from", "get", "got", "had",
    "has", "have", "hello", "help", "hi", "how", "i", "if", "im", "in", "into", "is", "it", "its", "just", "me", "my",
    "no", "not", "of", "on", "or", "our", "please", "so", "some", "thank", "thanks", "that", "the", "their", "them",
    "then", "there", "this", "to", "was", "we", "what", "when", "where", "which", "why", "will", "with", "would",
    "you", "your", // German
    "aber", "alle", "als", "am", "an", "auch", "auf", "aus", "bei", "bin", "bis", "bitte", "da", "danke", "das",
    "dass", "dem", "den", "der", "des", "die", "dies", "diese", "doch", "du", "ein", "eine", "einem", "einen", "einer",
    "es", "fur", "gibt", "hab", "habe", "hallo", "hat", "hatte", "ich", "ihr", "ihre", "im", "in", "ist", "ja",
    "jetzt", "kann", "kein", "keine", "mein", "meine", "meinem", "meinen", "meiner", "mich", "mir", "mit", "nach",
    "nicht", "noch", "nur", "oder", "sehr", "sie", "sind", "so", "und", "uns", "vom", "von", "vor", "war", "was",
    "wenn", "wie", "wir", "wird", "zu", "zum", "zur",
];

/// Whether a folded word carries no meaning of its own for finding an article.
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::is_stopword;

    #[test]
    fn common_words_of_both_languages_are_stopwords_and_topics_are_not() {
        for word in ["the", "und", "fur", "bitte", "please"] {
            assert!(is_stopword(word), "{word}");
        }
        for word in ["passwort", "password", "invoice", "rechnung"] {
            assert!(!is_stopword(word), "{word}");
        }
    }
}
