//! The single rules: automated-mail detection, subject tags, reference order, quote folding, sanitising.

use super::{mail, parse};
use crate::channel::email::*;

fn automated_by(headers: &[(&str, &str)]) -> Option<AutomatedKind> {
    is_automated(&MailSignals { headers, sender: Some("customer@example.com"), has_delivery_report: false })
}

#[test]
fn auto_reply_headers_are_recognised() {
    let auto = Some(AutomatedKind::AutoReply);
    assert_eq!(automated_by(&[("Auto-Submitted", "auto-replied")]), auto);
    assert_eq!(automated_by(&[("auto-submitted", "auto-generated; owner-email=x@example.com")]), auto);
    assert_eq!(automated_by(&[("X-Autoreply", "yes")]), auto);
    assert_eq!(automated_by(&[("X-Autorespond", "Out of office")]), auto);
    for precedence in ["bulk", "junk", "list", "auto_reply", "Bulk"] {
        assert_eq!(automated_by(&[("Precedence", precedence)]), auto, "Precedence: {precedence}");
    }
    assert_eq!(automated_by(&[("X-Auto-Response-Suppress", "All")]), auto);
    assert_eq!(automated_by(&[("X-Loop", "yes")]), auto);
    assert_eq!(automated_by(&[("Return-Path", "<>")]), auto);
}

#[test]
fn ordinary_mails_are_not_automated() {
    assert_eq!(automated_by(&[]), None);
    assert_eq!(automated_by(&[("Auto-Submitted", "no")]), None, "RFC 3834: 'no' means a person sent it");
    assert_eq!(automated_by(&[("Auto-Submitted", " No ")]), None);
    assert_eq!(automated_by(&[("Precedence", "first-class")]), None);
    assert_eq!(automated_by(&[("X-Autoreply", "no")]), None);
    assert_eq!(automated_by(&[("X-Auto-Response-Suppress", "DR, RN, NRN")]), None);
    assert_eq!(automated_by(&[("Return-Path", "<customer@example.com>"), ("Subject", "Auto-Submitted")]), None);
}

#[test]
fn our_loop_header_wins_and_bounces_come_before_auto_replies() {
    let loop_and_bounce = MailSignals {
        headers: &[(LOOP_HEADER, "ticket-1042"), ("Auto-Submitted", "auto-replied")],
        sender: Some("MAILER-DAEMON@mx.example.com"),
        has_delivery_report: true,
    };
    assert_eq!(is_automated(&loop_and_bounce), Some(AutomatedKind::Loop));
    assert_eq!(automated_by(&[("x-tidings-loop", "")]), Some(AutomatedKind::Loop));

    let report = MailSignals {
        headers: &[("Auto-Submitted", "auto-replied")],
        sender: Some("a@example.com"),
        has_delivery_report: true,
    };
    assert_eq!(is_automated(&report), Some(AutomatedKind::Bounce));
    let daemon = MailSignals { headers: &[], sender: Some("MAILER-DAEMON@mx.example.com"), has_delivery_report: false };
    assert_eq!(is_automated(&daemon), Some(AutomatedKind::Bounce));
    let postmaster_bounce = MailSignals {
        headers: &[("Return-Path", "<>")],
        sender: Some("postmaster@example.com"),
        has_delivery_report: false,
    };
    assert_eq!(is_automated(&postmaster_bounce), Some(AutomatedKind::Bounce));
    let human_postmaster = MailSignals {
        headers: &[("Return-Path", "<postmaster@example.com>")],
        sender: Some("postmaster@example.com"),
        has_delivery_report: false,
    };
    assert_eq!(is_automated(&human_postmaster), None, "a person may write as postmaster");
}

#[test]
fn parsed_mails_are_classified_from_their_own_headers_and_structure() {
    let dsn = parse(&mail(
        &["From: Mail System <mailer@mx.example.com>", "Subject: failure", "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\""],
        "--r\nContent-Type: text/plain\n\nCould not deliver.\n--r\nContent-Type: message/delivery-status\n\nAction: failed\nStatus: 5.1.1\n--r--\n",
    ));
    assert_eq!(dsn.automated, Some(AutomatedKind::Bounce));

    let ours = parse(&mail(&["From: support@tidings.test", "Subject: Re: x", "X-Tidings-Loop: 1"], "our own reply"));
    assert_eq!(ours.automated, Some(AutomatedKind::Loop));

    // A person forwarding an out-of-office reply: the attached mail's headers do not make the forward automated.
    let forward = parse(&mail(
        &["From: anna@example.com", "Subject: Fwd: out of office", "Content-Type: multipart/mixed; boundary=\"m\""],
        "--m\nContent-Type: text/plain\n\nLook at this.\n--m\nContent-Type: message/rfc822\n\n\
         From: bob@example.com\nAuto-Submitted: auto-replied\nSubject: Out of office\n\nAway.\n--m--\n",
    ));
    assert_eq!(forward.automated, None);
}

#[test]
fn ticket_numbers_come_from_subject_tags() {
    assert_eq!(subject_ticket_number("Re: Printer broken [#1042]"), Some(1042));
    assert_eq!(subject_ticket_number("[#7] first, [#8] second"), Some(7));
    assert_eq!(subject_ticket_number("Fwd: [#] empty [#12a] [#9]"), Some(9));
    assert_eq!(subject_ticket_number("Re: [Ticket#11162] foreign system"), None);
    assert_eq!(subject_ticket_number("#1042 without brackets"), None);
    assert_eq!(subject_ticket_number("[# 12] [#12 ]"), None);
    assert_eq!(subject_ticket_number("[#99999999999999999999999]"), None, "does not fit u64");
}

#[test]
fn references_are_newest_first_without_brackets_or_duplicates() {
    assert_eq!(
        thread_references(&["<parent@x>"], &["<root@x> <mid@x>\r\n <parent@x>"]),
        vec!["parent@x", "mid@x", "root@x"]
    );
    assert_eq!(thread_references(&[], &["<a@x>", "<b@x>"]), vec!["b@x", "a@x"], "a later References field is newer");
    assert_eq!(thread_references(&["<p@x> (comment)"], &[]), vec!["p@x"]);
    assert_eq!(thread_references(&["bare@x"], &["<bare@x>"]), vec!["bare@x"]);
    assert!(thread_references(&["", "garbage"], &["<>"]).is_empty());
}

#[test]
fn english_reply_history_is_folded() {
    let top_posted = "Works now, thanks!\n\nOn Tue, Jan 2, 2024 at 10:00 AM Support Team <support@tidings.test>\nwrote:\n> Did you restart it?\n>\n> Support\n";
    assert_eq!(strip_quoted_history(top_posted), "Works now, thanks!");
    let outlook = "Yes please.\n\n-----Original Message-----\nFrom: Support\nSent: Tuesday\nSubject: x\n\nShall we?";
    assert_eq!(strip_quoted_history(outlook), "Yes please.");
    let outlook_block =
        "Done.\n________________________________\nFrom: Support <s@x>\nSent: Tuesday, 2 January 2024\nTo: me\nOld text";
    assert_eq!(strip_quoted_history(outlook_block), "Done.");
    let unquoted_history = "See below.\nOn Mon, 1 Jan 2024, Bob wrote:\nold text without quote marks";
    assert_eq!(strip_quoted_history(unquoted_history), "See below.");
}

#[test]
fn german_reply_history_is_folded() {
    let bottom_posted = "Am 07.05.2012 08:10, schrieb Martin Edenhofer:\n> Hallo Marc,\n> wie geht's?\n\nHallo Martin,\n\nsehr gut, danke.";
    assert_eq!(strip_quoted_history(bottom_posted), "Hallo Martin,\n\nsehr gut, danke.");
    let ursprungliche =
        "Bitte so machen.\n\n-----Ursprüngliche Nachricht-----\nVon: Support\nGesendet: Dienstag\nAlter Text";
    assert_eq!(strip_quoted_history(ursprungliche), "Bitte so machen.");
    let von_gesendet =
        "Danke!\n\nVon: Support <s@x>\nGesendet: Dienstag, 2. Januar 2024 10:00\nAn: Anna\nBetreff: x\n\nAlter Text";
    assert_eq!(strip_quoted_history(von_gesendet), "Danke!");
    let interleaved = "Zu Punkt 1:\n> Punkt 1?\nja\n> Punkt 2?\nnein";
    assert_eq!(strip_quoted_history(interleaved), "Zu Punkt 1:\nja\nnein");
}

#[test]
fn folding_never_leaves_nothing() {
    let only_quote = "> just a quote\n> nothing else";
    assert_eq!(strip_quoted_history(only_quote), only_quote);
    let only_history = "-----Original Message-----\nFrom: a\nSent: b\ntext";
    assert_eq!(strip_quoted_history(only_history), only_history);
    assert_eq!(strip_quoted_history("  plain text  \n"), "plain text");
}

#[test]
fn sanitiser_removes_active_content_and_keeps_formatting_links_and_cid_images() {
    let dirty = "<div onclick=\"steal()\" style=\"position:fixed\"><script>alert(1)</script><style>body{}</style>\
                 <p>Hi <b>there</b></p><a href=\"https://example.com/x\">link</a>\
                 <a href=\"javascript:alert(2)\">bad</a><img src=\"cid:logo@x\" alt=\"logo\"><img src=\"x\" onerror=\"alert(3)\"></div>";
    let clean = sanitize_html(dirty);
    for forbidden in ["script", "alert", "onclick", "onerror", "javascript:", "<style", "position:fixed"] {
        assert!(!clean.contains(forbidden), "{forbidden} survived in {clean}");
    }
    assert!(clean.contains("<b>there</b>"), "{clean}");
    assert!(clean.contains("href=\"https://example.com/x\""), "{clean}");
    assert!(clean.contains("rel=\"noopener noreferrer nofollow\""), "{clean}");
    assert!(clean.contains("<img src=\"cid:logo@x\" alt=\"logo\">"), "{clean}");
}

#[test]
fn html_becomes_readable_text() {
    let text = html_to_text("<p>Hello <b>World</b></p><p>Second&nbsp;line &amp; more</p><script>x()</script>");
    assert_eq!(text, "Hello World\n\nSecond\u{a0}line & more");
}
