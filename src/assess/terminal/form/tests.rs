//! The keys of one screen, without a terminal: what each key does to a form built from the
//! built-in questionnaire, and the lines it shows.

use console::Key;

use super::{Action, Form};
use crate::assess::prompt::{Ask, Asked, Move, Position, Screen, Suggestion};
use crate::builtin;
use crate::model::{Questionnaire, Value};

const WIDTH: usize = 80;

fn screen<'q>(
    q: &'q Questionnaire,
    ids: &[&str],
    defaults: &[Option<Value>],
    can_go_back: bool,
) -> Screen<'q> {
    let questions = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let question = q.question(id).unwrap_or_else(|| panic!("no question {id}"));
            Asked {
                question,
                default: defaults.get(i).cloned().flatten(),
                measured: None,
                must_answer: question.required,
            }
        })
        .collect();
    Screen {
        position: Position {
            title: "Test",
            number: 2,
            total: 3,
        },
        intro: None,
        can_go_back,
        backwards: false,
        ask: Ask::Questions(questions),
    }
}

/// The form's lines as plain text.
fn shown(form: &Form<'_>) -> String {
    console::set_colors_enabled(false);
    form.lines(WIDTH).0.join("\n")
}

/// Presses `keys`, saving (and taking) every answer; returns the answers and how the screen
/// was left, if it was.
fn press(form: &mut Form<'_>, keys: &[Key]) -> (Vec<Option<Value>>, Option<Move>) {
    let mut answers = Vec::new();
    for key in keys {
        match form.press(key.clone()) {
            Action::Stay => {}
            Action::Answer(value) => {
                answers.push(value.clone());
                if let Some(moved) = form.take(value) {
                    return (answers, Some(moved));
                }
            }
            Action::Leave(moved) => return (answers, Some(moved)),
        }
    }
    (answers, None)
}

fn chars(text: &str) -> Vec<Key> {
    text.chars().map(Key::Char).collect()
}

const CAPACITY: [&str; 3] = [
    "capacity.ownership",
    "capacity.commitment",
    "capacity.frontend_skills",
];

#[test]
fn digits_answer_each_question_of_a_shared_screen_in_turn() {
    let q = builtin::questionnaire();
    let screen = screen(&q, &CAPACITY, &[], true);
    let mut form = Form::new(&screen, false);
    let (answers, moved) = press(&mut form, &chars("213"));
    assert_eq!(
        answers,
        [
            Some(Value::Choice(1)),
            Some(Value::Choice(0)),
            Some(Value::Choice(2))
        ]
    );
    assert_eq!(moved, Some(Move::Next));
    let summary = form.summary(WIDTH).join("\n");
    assert!(
        summary.contains("✔ Who owns the portal day to day? · Named people own it part-time"),
        "{summary}"
    );
}

#[test]
fn going_back_on_a_shared_screen_keeps_the_answer_and_puts_the_cursor_on_it() {
    let q = builtin::questionnaire();
    let screen = screen(&q, &CAPACITY, &[], false);
    let mut form = Form::new(&screen, false);
    let (answers, moved) = press(&mut form, &[Key::Char('2'), Key::Char('<')]);
    assert_eq!((answers.len(), moved), (1, None));
    let text = shown(&form);
    assert!(
        text.contains("❯ 2. Named people own it part-time"),
        "{text}"
    );
    // Esc closes the reopened list: back to the question that was open, answer unchanged.
    press(&mut form, &[Key::Escape]);
    let text = shown(&form);
    assert!(
        text.contains("✔ Who owns the portal day to day? · Named people own it part-time"),
        "{text}"
    );
    assert!(
        text.contains("? How long is the portal's funding committed?"),
        "{text}"
    );
    // ⌫ is back too; on the first question of the first screen there is nowhere to go.
    press(&mut form, &[Key::Backspace, Key::Backspace]);
    let text = shown(&form);
    assert!(text.contains("nothing to go back to"), "{text}");
}

#[test]
fn esc_closes_the_help_first_then_asks_before_stopping() {
    let q = builtin::questionnaire();
    let screen = screen(&q, &CAPACITY, &[], true);
    let mut form = Form::new(&screen, false);
    press(&mut form, &[Key::Char('?')]);
    assert!(shown(&form).contains("Named people"), "{}", shown(&form));
    let with_help = form.lines(WIDTH).0.len();
    assert_eq!(press(&mut form, &[Key::Escape]).1, None);
    assert!(form.lines(WIDTH).0.len() < with_help);
    assert_eq!(press(&mut form, &[Key::Escape]).1, None);
    let asking = shown(&form);
    assert!(
        asking.contains("Stop here? Your answers so far are saved. y or Esc: stop"),
        "{asking}"
    );
    // Any other key goes on, and is not taken as an answer.
    assert_eq!(press(&mut form, &[Key::Char('1')]), (Vec::new(), None));
    assert!(!shown(&form).contains("Stop here?"));
    assert_eq!(
        press(&mut form, &[Key::Escape, Key::Char('y')]).1,
        Some(Move::Stop)
    );
    let mut form = Form::new(&screen, false);
    assert_eq!(
        press(&mut form, &[Key::Escape, Key::Escape]).1,
        Some(Move::Stop)
    );
    let mut form = Form::new(&screen, false);
    assert_eq!(
        press(&mut form, &[Key::Char('1'), Key::CtrlC]),
        (vec![Some(Value::Choice(0))], Some(Move::Stop))
    );
}

#[test]
fn u_answers_dont_know_where_it_is_allowed() {
    let q = builtin::questionnaire();
    let screen = screen(&q, &["hosting.requirement"], &[], true);
    let mut form = Form::new(&screen, false);
    assert_eq!(
        press(&mut form, &[Key::Char('u')]),
        (vec![Some(Value::Unknown)], Some(Move::Next))
    );
    let offer = Screen {
        ask: Ask::Offer {
            section: &q.sections[10],
            text: "Compare two-year costs?",
            default: false,
        },
        ..screen
    };
    let mut form = Form::new(&offer, false);
    let text = shown(&form);
    assert!(text.contains("❯ 2. No"), "{text}");
    assert!(!text.contains("u: don't know"), "{text}");
    press(&mut form, &[Key::Char('u')]);
    assert!(shown(&form).contains("\"Don't know\" is not an answer to this one."));
    assert_eq!(
        press(&mut form, &[Key::Enter]),
        (vec![Some(Value::Bool(false))], Some(Move::Next))
    );
}

#[test]
fn every_screen_names_the_same_keys_in_one_footer() {
    let q = builtin::questionnaire();
    let list = screen(&q, &CAPACITY, &[], true);
    let typed = screen(&q, &["capacity.dedicated_fte"], &[], true);
    let footers: Vec<String> = [&list, &typed]
        .iter()
        .map(|s| {
            let form = Form::new(s, false);
            shown(&form).lines().last().unwrap_or_default().to_string()
        })
        .collect();
    assert_eq!(
        footers,
        [
            "1-4 or ↑↓ Enter: answer · ?: why we ask · <: back · u: don't know · Esc: stop",
            "type, then Enter: answer · ?: why we ask · <: back · u: don't know · Esc: stop",
        ]
    );
}

#[test]
fn typed_answers_take_the_same_keys_on_an_empty_line() {
    let q = builtin::questionnaire();
    let fte = screen(&q, &["capacity.dedicated_fte"], &[], true);
    let mut form = Form::new(&fte, false);
    press(&mut form, &[Key::Char('?')]);
    assert!(shown(&form).contains("full-time"), "{}", shown(&form));
    // Typed text keeps `<` and ⌫ for editing; deleting it all does not go back.
    assert_eq!(
        press(&mut form, &[Key::Char('2'), Key::Backspace, Key::Backspace]),
        (Vec::new(), None)
    );
    assert_eq!(press(&mut form, &[Key::Char('<')]).1, Some(Move::Back));
    let mut form = Form::new(&fte, false);
    assert_eq!(press(&mut form, &[Key::Backspace]).1, Some(Move::Back));
    let mut form = Form::new(&fte, false);
    let mut keys = chars("u");
    keys.push(Key::Enter);
    assert_eq!(
        press(&mut form, &keys),
        (vec![Some(Value::Unknown)], Some(Move::Next))
    );
}

#[test]
fn an_earlier_typed_answer_shows_as_itself_and_enter_keeps_it() {
    let q = builtin::questionnaire();
    let metric = Value::Text("MTTR for ownership lookups (minutes)".to_string());
    let screen = screen(&q, &["friction.metric"], &[Some(metric.clone())], true);
    let mut form = Form::new(&screen, false);
    let text = shown(&form);
    assert!(
        text.contains("› MTTR for ownership lookups (minutes)\n"),
        "{text}"
    );
    assert!(!text.contains("(MTTR"), "{text}");
    assert!(
        text.contains("Enter: keep · →: edit · type: replace"),
        "{text}"
    );
    // → brings it back to edit.
    let mut keys = vec![Key::ArrowRight];
    keys.extend(std::iter::repeat_n(Key::Backspace, "minutes)".len()));
    keys.extend(chars("hours)"));
    keys.push(Key::Enter);
    let mut edited = Form::new(&screen, false);
    assert_eq!(
        press(&mut edited, &keys).0,
        [Some(Value::Text(
            "MTTR for ownership lookups (hours)".to_string()
        ))]
    );
    assert_eq!(
        press(&mut form, &[Key::Enter]),
        (vec![Some(metric)], Some(Move::Next))
    );
}

#[test]
fn an_amount_is_said_back_as_understood_and_a_refusal_wraps_at_word_boundaries() {
    let q = builtin::questionnaire();
    let cost = Screen {
        ask: Ask::Questions(vec![Asked {
            question: q
                .question("cost.engineer_annual_cost")
                .unwrap_or_else(|| panic!("no cost question")),
            default: None,
            measured: None,
            must_answer: true,
        }]),
        ..screen(&q, &[], &[], true)
    };
    let mut form = Form::new(&cost, false);
    let mut keys = chars("1.500k");
    keys.push(Key::Enter);
    assert_eq!(press(&mut form, &keys), (Vec::new(), None));
    console::set_colors_enabled(false);
    let lines = form.lines(40).0;
    let refusal: Vec<&String> = lines
        .iter()
        .skip_while(|l| !l.starts_with('✘'))
        .take_while(|l| !l.contains("Enter"))
        .collect();
    assert!(refusal.len() > 2, "{lines:?}");
    for line in &refusal {
        assert!(console::measure_text_width(line) <= 40, "{line:?}");
    }
    let joined: Vec<String> = refusal.iter().map(|l| l.trim().to_string()).collect();
    assert!(
        joined.join(" ").contains(
            "\"1.500k\" is ambiguous: 1.5 thousand or 1500 thousand? Write 1.5k or 1500k"
        ),
        "{joined:?}"
    );
    let mut keys = vec![Key::Char('\u{15}')];
    keys.extend(chars("$185,000"));
    keys.push(Key::Enter);
    assert_eq!(
        press(&mut form, &keys),
        (vec![Some(Value::Number(185000.0))], Some(Move::Next))
    );
    let summary = crate::render::text::one_line(&form.summary(WIDTH).join(" "));
    assert!(
        summary.contains("· 185000 (read from \"$185,000\")"),
        "{summary}"
    );
}

#[test]
fn a_measured_value_is_shown_and_offered_but_waits_for_the_user() {
    let q = builtin::questionnaire();
    let mut base = screen(
        &q,
        &["platform.golden_paths", "platform.deploy_automation"],
        &[],
        true,
    );
    if let Ask::Questions(questions) = &mut base.ask {
        questions[1].measured = Some(Suggestion {
            value: Value::Choice(1),
            evidence: "5 production deploy jobs in 3 repositories".to_string(),
        });
    }
    let mut form = Form::new(&base, false);
    // The measured question is not answered: the screen starts on the first question, and the
    // measured one is not shown as done.
    assert!(!shown(&form).contains('✔'), "{}", shown(&form));
    assert_eq!(
        press(&mut form, &chars("1")),
        (vec![Some(Value::Choice(0))], None)
    );
    let lines = shown(&form);
    assert!(
        lines
            .contains("Measured by idpfit scan: Mostly automated, some manual steps (5 production"),
        "{lines}"
    );
    assert!(
        lines.contains("❯ 2. Mostly automated, some manual steps"),
        "{lines}"
    );
    // Enter keeps it.
    assert_eq!(
        press(&mut form, &[Key::Enter]),
        (vec![Some(Value::Choice(1))], Some(Move::Next))
    );
}
