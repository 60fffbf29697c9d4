use super::*;

#[test]
fn folding_ignores_case_umlauts_and_accents() {
    assert_eq!(fold("Zurücksetzen"), "zurucksetzen");
    assert_eq!(fold("zurucksetzen"), fold("ZURÜCKSETZEN"));
    assert_eq!(fold("Größe ÄNDERN"), "grosse andern");
    assert_eq!(fold("Straße STRASSE straẞe"), "strasse strasse strasse");
    assert_eq!(fold("Café crème, señor!"), "cafe creme senor");
    // Decomposed umlauts (u + combining diaeresis) fold like composed ones and do not split the word.
    assert_eq!(fold("zuru\u{308}cksetzen"), "zurucksetzen");
    // Letters of other scripts stay letters.
    assert_eq!(fold("Пароль 密码"), "пароль 密码");
}

#[test]
fn folding_turns_punctuation_into_single_spaces() {
    assert_eq!(fold("  Reset -- your   password?! "), "reset your password");
    assert_eq!(fold("e-mail: user@example.com"), "e mail user example com");
    assert_eq!(fold("tab\tnew\nline"), "tab new line");
    assert_eq!(fold("...!!!"), "");
    assert_eq!(fold(""), "");
    assert_eq!(fold("v2.0"), "v2 0");
}

#[test]
fn words_are_the_folded_words_in_order() {
    assert_eq!(words("Passwort zurücksetzen – schnell!"), ["passwort", "zurucksetzen", "schnell"]);
    assert!(words("  ?! ").is_empty());
    assert_eq!(words("a a"), ["a", "a"]);
}

#[test]
fn query_words_treat_search_syntax_as_text() {
    assert_eq!(
        query_words(r#""reset" AND pass* OR -login NOT (near:x)^2"#),
        [
        "reset", "and", "pass", "or", "login", "not", "near", "x", // at most 8
    ]
    );
    assert_eq!(query_words("title:Passwort NEAR(a b)"), ["title", "passwort", "near", "a", "b"]);
    assert!(query_words(r#"" * - : ^ ( ) ""#).is_empty());
}

#[test]
fn query_words_are_deduplicated_bounded_and_cut() {
    assert_eq!(query_words("Reset reset RESET password rését"), ["reset", "password"]);
    let many = "one two three four five six seven eight nine ten";
    assert_eq!(query_words(many).len(), MAX_QUERY_WORDS);
    assert_eq!(query_words(many).last().map(String::as_str), Some("eight"));
    // Repeats do not use up the eight places.
    assert_eq!(query_words("a a a a a a a a a b c").len(), 3);

    let long = format!("{} short", "ü".repeat(100));
    let cut = query_words(&long);
    assert_eq!(cut[0], "u".repeat(MAX_QUERY_WORD_CHARS));
    assert_eq!(cut[1], "short");
    // Words that are equal once cut count once.
    let two_long = format!("{}x {}y", "a".repeat(50), "a".repeat(50));
    assert_eq!(query_words(&two_long), ["a".repeat(MAX_QUERY_WORD_CHARS)]);
}

#[test]
fn edit_distance_counts_insertions_deletions_substitutions_and_swaps() {
    assert_eq!(edit_distance("", ""), 0);
    assert_eq!(edit_distance("", "abc"), 3);
    assert_eq!(edit_distance("abc", ""), 3);
    assert_eq!(edit_distance("passwort", "passwort"), 0);
    assert_eq!(edit_distance("passwort", "paswort"), 1);
    assert_eq!(edit_distance("passwort", "passwordt"), 1);
    assert_eq!(edit_distance("passwort", "passwart"), 1);
    assert_eq!(edit_distance("passwort", "passwrot"), 1);
    assert_eq!(edit_distance("kitten", "sitting"), 3);
    assert_eq!(edit_distance("ca", "abc"), 3, "optimal string alignment, not unrestricted Damerau");
    assert_eq!(edit_distance("zurück", "zuruck"), 1, "counted in characters, not bytes");
    assert_eq!(edit_distance("abcdef", "badcfe"), 3);
    assert_eq!(edit_distance("rechnung", "rehcnugn"), 2);
}

#[test]
fn edit_distance_is_symmetric() {
    let words = ["", "a", "ab", "ba", "abc", "passwort", "paswrot", "zurücksetzen", "anmeldung"];
    for a in words {
        for b in words {
            assert_eq!(edit_distance(a, b), edit_distance(b, a), "{a:?} {b:?}");
        }
    }
}

#[test]
fn longer_words_allow_more_typos() {
    assert_eq!(max_typos(""), 0);
    assert_eq!(max_typos("abc"), 0);
    assert_eq!(max_typos("abcd"), 1);
    assert_eq!(max_typos("abcdefg"), 1);
    assert_eq!(max_typos("abcdefgh"), 2);
    assert_eq!(max_typos("äöü"), 0, "counted in characters");
    assert_eq!(max_typos("äöüß"), 1);
}

#[test]
fn closest_terms_are_near_words_nearest_first() {
    let index = ["passwort", "password", "passwörter", "pass", "passwortes", "konto", "paswort", "passwort"];
    assert_eq!(closest_terms("pasword", index, 10), ["password", "paswort"]);
    assert_eq!(closest_terms("passwrot", index, 10), ["passwort", "password", "paswort"]);
    assert_eq!(closest_terms("passwrot", index, 2), ["passwort", "password"]);
    assert!(closest_terms("passwrot", index, 0).is_empty());
}

#[test]
fn closest_terms_leave_out_the_word_itself_and_short_words() {
    let index = ["konto", "kontos", "konten", "kino"];
    assert_eq!(closest_terms("konto", index, 10), ["kontos"]);
    // Three letters or fewer must match exactly, so there are no near terms.
    assert!(closest_terms("abo", ["abi", "aba", "ab"], 10).is_empty());
}

#[test]
fn compounds_split_into_two_known_words() {
    let known =
        ["passwort", "zurucksetzen", "anmeldung", "fehler", "rechnung", "adresse", "tag", "liebe", "pass", "wort"];
    let is_known = |word: &str| known.contains(&word);
    let split = |word: &str| compound_split(word, is_known);
    let pair = |head: &str, tail: &str| Some((head.to_string(), tail.to_string()));

    assert_eq!(split("passwortzurucksetzen"), pair("passwort", "zurucksetzen"));
    assert_eq!(split("anmeldungsfehler"), pair("anmeldung", "fehler"));
    assert_eq!(split("rechnungsadresse"), pair("rechnung", "adresse"));
    assert_eq!(split("tagesliebe"), pair("tag", "liebe"), "linking -es-");
    // The longest known head wins over a shorter one.
    assert_eq!(split("passwortfehler"), pair("passwort", "fehler"));
    assert_eq!(split("passwort"), pair("pass", "wort"));
}

#[test]
fn words_that_are_not_compounds_do_not_split() {
    let known = ["passwort", "zurucksetzen", "ab", "cd", "abc", "fehler"];
    let is_known = |word: &str| known.contains(&word);
    assert_eq!(compound_split("passwortxyz", is_known), None);
    assert_eq!(compound_split("abcd", is_known), None, "parts need three characters");
    assert_eq!(compound_split("abc", is_known), None);
    assert_eq!(compound_split("", is_known), None);
    assert_eq!(compound_split("abcsfehler", is_known), Some(("abc".to_string(), "fehler".to_string())));
    assert_eq!(compound_split("abcss", is_known), None, "a linking s needs a word behind it");
    assert_eq!(
        compound_split("ärgerfehler", |w: &str| w == "ärger" || w == "fehler"),
        Some(("ärger".into(), "fehler".into()))
    );
}
