//! The assessment flow driven by a scripted prompter: order, skip rules, going back, resuming,
//! saving after every answer (also between the questions of a shared screen), declined
//! offers, and the number of screens.

use anyhow::{Result, anyhow};

use super::prompt::{Answer, Ask, Move, Prompter, Screen};
use super::{Flow, Outcome, Progress, Saved, Step, plan};
use crate::builtin;
use crate::engine::Model;
use crate::load::LoadOptions;
use crate::model::Answers;
use crate::model::{Question, QuestionKind, Questionnaire, Value};
use crate::render::answers::AssessNotes;
use crate::testing::{PORT_EXAMPLE, answers as load_answers};

/// What one screen looked like to the user.
#[derive(Clone, Debug, PartialEq)]
struct Seen {
    /// Question ids on the screen, or `offer:SECTION`.
    ids: Vec<String>,
    position: String,
    defaults: Vec<Option<Value>>,
    can_go_back: bool,
    backwards: bool,
    intro: bool,
}

/// What the user does on a screen, instead of answering it from the file.
#[derive(Clone, Debug)]
enum Act {
    /// Answers the screen's one question with this value.
    One(Option<Value>),
    /// Answers the first `n` questions of the screen from the file, then leaves it this way.
    Partly(usize, Move),
    Back,
    Stop,
}

/// Answers from a complete answers file, plus scripted acts: each screen is answered with the
/// file's value for its questions, one answer at a time, unless the script says otherwise.
struct Scripted<'a> {
    questionnaire: &'a Questionnaire,
    source: Answers,
    /// (screen number, act) pairs, 1-based, overriding the file.
    overrides: Vec<(usize, Act)>,
    accept_offers: bool,
    seen: Vec<Seen>,
}

impl<'a> Scripted<'a> {
    fn new(questionnaire: &'a Questionnaire, source: Answers) -> Scripted<'a> {
        Scripted {
            questionnaire,
            source,
            overrides: Vec::new(),
            accept_offers: true,
            seen: Vec::new(),
        }
    }

    fn on(mut self, screen: usize, act: Act) -> Scripted<'a> {
        self.overrides.push((screen, act));
        self
    }

    fn value(&self, question: &Question) -> Option<Value> {
        self.questionnaire
            .index_of(&question.id)
            .and_then(|i| self.source.values[i].clone())
    }

    fn ids(&self) -> Vec<String> {
        self.seen.iter().map(|s| s.ids.join("+")).collect()
    }
}

impl Prompter for Scripted<'_> {
    fn ask(
        &mut self,
        screen: &Screen<'_>,
        answered: &mut dyn FnMut(Answer) -> Result<()>,
    ) -> Result<Move> {
        let (ids, defaults): (Vec<String>, Vec<Option<Value>>) = match &screen.ask {
            Ask::Questions(questions) => questions
                .iter()
                .map(|a| (a.question.id.clone(), a.default.clone()))
                .unzip(),
            Ask::Offer {
                section, default, ..
            } => (
                vec![format!("offer:{}", section.id)],
                vec![Some(Value::Bool(*default))],
            ),
        };
        self.seen.push(Seen {
            ids,
            position: screen.position.to_string(),
            defaults,
            can_go_back: screen.can_go_back,
            backwards: screen.backwards,
            intro: screen.intro.is_some(),
        });
        let number = self.seen.len();
        let act = self
            .overrides
            .iter()
            .find(|(n, _)| *n == number)
            .map(|(_, act)| act.clone());
        let (answer_first, then) = match act {
            Some(Act::One(value)) => {
                answered(Answer::Question { member: 0, value })?;
                return Ok(Move::Next);
            }
            Some(Act::Partly(n, then)) => (n, then),
            Some(Act::Back) => return Ok(Move::Back),
            Some(Act::Stop) => return Ok(Move::Stop),
            None => (usize::MAX, Move::Next),
        };
        match &screen.ask {
            Ask::Questions(questions) => {
                for (member, asked) in questions.iter().enumerate().take(answer_first) {
                    let value = self.value(asked.question);
                    if value.is_none() && asked.must_answer {
                        return Err(anyhow!("{} unset", asked.question.id));
                    }
                    answered(Answer::Question { member, value })?;
                }
            }
            Ask::Offer { .. } => answered(Answer::Offer(self.accept_offers))?,
        }
        Ok(then)
    }
}

fn questionnaire() -> Questionnaire {
    builtin::questionnaire()
}

/// Runs a flow, recording every save as answers-file text.
fn run(flow: &mut Flow<'_>, prompter: &mut Scripted<'_>) -> (Outcome, Vec<String>) {
    let questionnaire = prompter.questionnaire;
    let mut saves = Vec::new();
    let outcome = flow.run(prompter, &mut |saved: &Saved| {
        saves.push(crate::render::answers::to_toml_with_notes(
            questionnaire,
            &saved.answers,
            &saved.notes,
        ));
        Ok(())
    });
    match outcome {
        Ok(outcome) => (outcome, saves),
        Err(error) => panic!("flow failed: {error:#}"),
    }
}

/// The Port example with a current Backstage portal, so no section is skipped.
fn longest_answers() -> Answers {
    let text = PORT_EXAMPLE.replace(
        "[current]\nportal = \"none\"\n",
        "[current]\nportal = \"backstage\"\nmonths_invested = 14\ncustom_plugins = 6\npain = \"capacity\"\n",
    );
    load_answers(&text)
}

#[test]
fn a_full_run_reproduces_the_answers_file_and_its_recommendation() {
    let q = questionnaire();
    let source = load_answers(PORT_EXAMPLE);
    let mut prompter = Scripted::new(&q, source.clone());
    let mut flow = Flow::new(&q);
    let (outcome, saves) = run(&mut flow, &mut prompter);
    assert_eq!(outcome, Outcome::Finished(source.clone()));
    let saved = saves.last().cloned().unwrap_or_default();
    let reloaded = Answers::from_toml("saved.toml", &saved, &q, LoadOptions::default());
    assert_eq!(reloaded.as_ref().ok(), Some(&source));
    let w = builtin::weights();
    let model = Model::new(&q, &w);
    assert_eq!(
        reloaded.map(|a| model.assess(&a)).ok(),
        Some(model.assess(&source))
    );
}

#[test]
fn screens_follow_the_questionnaire_and_show_where_the_user_is() {
    let q = questionnaire();
    let mut prompter = Scripted::new(&q, longest_answers());
    let mut flow = Flow::new(&q);
    run(&mut flow, &mut prompter);
    let ids = prompter.ids();
    assert_eq!(ids[0], "organization.name");
    assert_eq!(
        ids[3],
        "capacity.ownership+capacity.commitment+capacity.frontend_skills"
    );
    assert_eq!(
        ids[6],
        "integrations.port_gap_documented+integrations.custom_access_control+integrations.custom_ui+integrations.integration_owner"
    );
    assert_eq!(ids[7], "hosting.requirement");
    let positions: Vec<&str> = prompter.seen.iter().map(|s| s.position.as_str()).collect();
    assert_eq!(positions[0], "Organisation · 1 of 26");
    assert_eq!(positions[7], "Hosting · 8 of 26");
    assert_eq!(positions.last().copied(), Some("Cost · 26 of 26"));
    // A section's introduction comes with its first screen only.
    let intros: Vec<bool> = prompter.seen.iter().map(|s| s.intro).collect();
    assert_eq!(&intros[..5], &[true, false, true, false, true]);
    assert!(!prompter.seen[0].can_go_back);
    assert!(prompter.seen[1].can_go_back);
}

#[test]
fn the_longest_path_takes_26_screens_and_the_shortest_19() {
    let q = questionnaire();
    let mut longest = Scripted::new(&q, longest_answers());
    let mut flow = Flow::new(&q);
    run(&mut flow, &mut longest);
    assert_eq!(flow.screens(), 26);
    assert!(
        longest
            .ids()
            .contains(&"current.months_invested".to_string())
    );
    assert!(
        longest
            .ids()
            .contains(&"cost.port_annual_subscription".to_string())
    );

    let mut shortest = Scripted::new(&q, load_answers(PORT_EXAMPLE));
    shortest.accept_offers = false;
    let mut flow = Flow::new(&q);
    let (outcome, _) = run(&mut flow, &mut shortest);
    assert_eq!(flow.screens(), 19);
    // Declining the offer leaves the cost section out of the file.
    let Outcome::Finished(answers) = outcome else {
        panic!("not finished: {outcome:?}")
    };
    assert_eq!(answers.get(&q, "cost.engineer_annual_cost"), None);
    assert_eq!(
        shortest.seen.last().map(|s| s.position.clone()),
        Some("Cost · 19 of 23".to_string())
    );
}

#[test]
fn no_screen_asks_more_than_the_plan_allows() {
    // Every step is at most one screen, so the plan's length bounds any straight run.
    let q = questionnaire();
    let steps = plan(&q);
    assert_eq!(steps.len(), 26);
    assert!(steps.contains(&Step::Offer(10)));
}

#[test]
fn migration_details_are_asked_only_when_a_portal_exists() {
    let q = questionnaire();
    let mut prompter = Scripted::new(&q, load_answers(PORT_EXAMPLE));
    let mut flow = Flow::new(&q);
    run(&mut flow, &mut prompter);
    let ids = prompter.ids();
    assert!(ids.contains(&"current.portal".to_string()));
    assert!(!ids.iter().any(|id| id == "current.months_invested"));
    assert!(!ids.iter().any(|id| id == "current.pain"));
}

#[test]
fn every_answer_is_saved_at_once_as_a_loadable_partial_file() {
    let q = questionnaire();
    let mut prompter = Scripted::new(&q, longest_answers());
    let mut flow = Flow::new(&q);
    let (_, saves) = run(&mut flow, &mut prompter);
    // One save per answer: 34 questions and the cost offer on the longest path.
    assert_eq!(saves.len(), 35);
    for (n, text) in saves.iter().enumerate() {
        let loaded = Answers::from_toml("partial.toml", text, &q, LoadOptions { partial: true });
        assert!(loaded.is_ok(), "save {n} does not load:\n{text}");
    }
    assert!(saves[2].contains("dedicated_fte = 1"), "{}", saves[2]);
    assert!(!saves[1].contains("dedicated_fte"));
    // The cost pair is all or nothing: after its first answer the file has no [cost] table
    // yet, and holds the answer in comments.
    assert!(!saves[31].contains("\n[cost]"), "{}", saves[31]);
    assert!(
        saves[31].ends_with("# [cost]\n# engineer_annual_cost = 160000\n"),
        "{}",
        saves[31]
    );
    assert!(saves[32].contains("port_annual_subscription = 55000"));
}

#[test]
fn stopping_keeps_what_was_answered() {
    let q = questionnaire();
    let mut prompter = Scripted::new(&q, load_answers(PORT_EXAMPLE)).on(4, Act::Stop);
    let mut flow = Flow::new(&q);
    let (outcome, saves) = run(&mut flow, &mut prompter);
    assert_eq!(saves.len(), 3);
    let Outcome::Stopped(answers) = outcome else {
        panic!("not stopped: {outcome:?}")
    };
    assert_eq!(
        answers.get(&q, "capacity.dedicated_fte"),
        Some(&Value::Number(1.0))
    );
    assert_eq!(answers.get(&q, "capacity.ownership"), None);
}

#[test]
fn going_back_revisits_the_previous_screen_with_its_answer_as_default() {
    let q = questionnaire();
    // Screen 3 (fte) answered; screen 4 goes back; screen 5 is fte again, answered 2;
    // then the run continues with the capacity group.
    let mut prompter = Scripted::new(&q, load_answers(PORT_EXAMPLE))
        .on(4, Act::Back)
        .on(5, Act::One(Some(Value::Number(2.0))));
    let mut flow = Flow::new(&q);
    let (outcome, _) = run(&mut flow, &mut prompter);
    let ids = prompter.ids();
    assert_eq!(ids[2], "capacity.dedicated_fte");
    assert_eq!(ids[4], "capacity.dedicated_fte");
    assert!(ids[5].starts_with("capacity.ownership"));
    assert_eq!(prompter.seen[4].defaults, vec![Some(Value::Number(1.0))]);
    let Outcome::Finished(answers) = outcome else {
        panic!("not finished")
    };
    assert_eq!(
        answers.get(&q, "capacity.dedicated_fte"),
        Some(&Value::Number(2.0))
    );
}

#[test]
fn going_back_skips_questions_that_do_not_apply_and_walks_forward_again() {
    let q = questionnaire();
    // 18 = current.portal (none), 19 = cost offer: go back twice, then forward again.
    let mut prompter = Scripted::new(&q, load_answers(PORT_EXAMPLE))
        .on(19, Act::Back)
        .on(20, Act::Back);
    let mut flow = Flow::new(&q);
    run(&mut flow, &mut prompter);
    let ids = prompter.ids();
    assert_eq!(ids[17], "current.portal");
    assert_eq!(ids[18], "offer:cost");
    assert_eq!(ids[19], "current.portal");
    assert!(ids[20].starts_with("platform.golden_paths"));
    // Walking forward again shows the screens passed over on the way back.
    assert_eq!(ids[21], "current.portal");
    assert_eq!(ids[22], "offer:cost");
    assert_eq!(prompter.seen[20].defaults.len(), 4);
    assert!(prompter.seen[20].defaults.iter().all(Option::is_some));
}

#[test]
fn changing_an_answer_can_open_a_skipped_section() {
    let q = questionnaire();
    let backstage = Value::Choice(1);
    // Screen 18 answers "none"; the offer (19) goes back; 20 re-answers "backstage".
    let mut prompter = Scripted::new(&q, load_answers(PORT_EXAMPLE))
        .on(19, Act::Back)
        .on(20, Act::One(Some(backstage)))
        .on(21, Act::One(Some(Value::Integer(9))))
        .on(22, Act::One(Some(Value::Integer(2))))
        .on(23, Act::One(Some(Value::Choice(1))));
    let mut flow = Flow::new(&q);
    let (outcome, _) = run(&mut flow, &mut prompter);
    let ids = prompter.ids();
    assert_eq!(ids[20], "current.months_invested");
    assert_eq!(ids[22], "current.pain");
    assert_eq!(ids[23], "offer:cost");
    let Outcome::Finished(answers) = outcome else {
        panic!("not finished")
    };
    assert_eq!(
        answers.get(&q, "current.months_invested"),
        Some(&Value::Integer(9))
    );
}

#[test]
fn answers_that_stop_applying_are_not_saved() {
    let q = questionnaire();
    // A Backstage portal with details, then back to "none": the details leave the file.
    let mut prompter = Scripted::new(&q, longest_answers())
        .on(22, Act::Back)
        .on(23, Act::Back)
        .on(24, Act::Back)
        .on(25, Act::Back)
        .on(26, Act::One(Some(Value::Choice(0))));
    let mut flow = Flow::new(&q);
    let (outcome, saves) = run(&mut flow, &mut prompter);
    assert_eq!(prompter.ids()[25], "current.portal");
    let Outcome::Finished(answers) = outcome else {
        panic!("not finished")
    };
    assert_eq!(answers.get(&q, "current.months_invested"), None);
    assert!(!saves.last().is_some_and(|s| s.contains("months_invested")));
}

#[test]
fn resuming_asks_only_what_is_missing() {
    let q = questionnaire();
    let full = load_answers(PORT_EXAMPLE);
    // First run: stop on the capacity group (screen 4).
    let mut first = Scripted::new(&q, full.clone()).on(4, Act::Stop);
    let mut flow = Flow::new(&q);
    let (_, saves) = run(&mut flow, &mut first);
    let partial = saves.last().cloned().unwrap_or_default();
    let loaded = Answers::from_toml("p.toml", &partial, &q, LoadOptions { partial: true });
    let Ok(loaded) = loaded else {
        panic!("partial file does not load")
    };

    let mut second = Scripted::new(&q, full.clone());
    let mut flow = Flow::resume(&q, &loaded, &AssessNotes::default());
    let (outcome, _) = run(&mut flow, &mut second);
    let ids = second.ids();
    assert!(ids[0].starts_with("capacity.ownership"), "{ids:?}");
    assert!(!ids.iter().any(|id| id.starts_with("organization")));
    assert_eq!(second.seen[0].position, "Capacity · 4 of 26");
    assert_eq!(outcome, Outcome::Finished(full));
}

#[test]
fn a_blank_optional_answer_before_the_stopping_point_is_not_asked_again() {
    let q = questionnaire();
    let full = load_answers(PORT_EXAMPLE);
    // The organisation's name is left blank, then the user stops at the capacity group.
    let mut first = Scripted::new(&q, full.clone())
        .on(1, Act::One(None))
        .on(4, Act::Stop);
    let mut flow = Flow::new(&q);
    let (Outcome::Stopped(partial), _) = run(&mut flow, &mut first) else {
        panic!("not stopped")
    };
    assert_eq!(partial.get(&q, "organization.name"), None);
    let mut second = Scripted::new(&q, full);
    let mut flow = Flow::resume(&q, &partial, &AssessNotes::default());
    run(&mut flow, &mut second);
    assert!(!second.ids().iter().any(|id| id == "organization.name"));
}

#[test]
fn going_back_after_resuming_shows_earlier_answers_as_defaults() {
    let q = questionnaire();
    let full = load_answers(PORT_EXAMPLE);
    let mut partial = full.clone();
    let fte = q.index_of("capacity.ownership").unwrap_or(0);
    for value in partial.values.iter_mut().skip(fte) {
        *value = None;
    }
    let mut prompter = Scripted::new(&q, full).on(1, Act::Back);
    let mut flow = Flow::resume(&q, &partial, &AssessNotes::default());
    run(&mut flow, &mut prompter);
    let ids = prompter.ids();
    assert!(ids[0].starts_with("capacity.ownership"));
    assert_eq!(ids[1], "capacity.dedicated_fte");
    assert_eq!(prompter.seen[1].defaults, vec![Some(Value::Number(1.0))]);
    assert!(ids[2].starts_with("capacity.ownership"));
}

#[test]
fn resuming_a_complete_file_asks_nothing() {
    let q = questionnaire();
    let full = load_answers(PORT_EXAMPLE);
    let mut prompter = Scripted::new(&q, full.clone());
    let mut flow = Flow::resume(&q, &full, &AssessNotes::default());
    let (outcome, saves) = run(&mut flow, &mut prompter);
    assert!(prompter.seen.is_empty());
    assert!(saves.is_empty());
    assert_eq!(outcome, Outcome::Finished(full));
}

#[test]
fn dont_know_is_offered_exactly_where_unknown_is_allowed() {
    // The terminal offers "Don't know" from `unknown_allowed`; the flow must pass unknown
    // answers through to the file unchanged.
    let q = questionnaire();
    let mut source = load_answers(PORT_EXAMPLE);
    for (question, value) in q.questions.iter().zip(source.values.iter_mut()) {
        let asked = question.ask_if.is_none();
        if asked && question.unknown_allowed && !matches!(question.kind, QuestionKind::Text) {
            *value = Some(Value::Unknown);
        }
    }
    let mut prompter = Scripted::new(&q, source.clone());
    let mut flow = Flow::new(&q);
    let (outcome, saves) = run(&mut flow, &mut prompter);
    assert_eq!(outcome, Outcome::Finished(source));
    let last = saves.last().cloned().unwrap_or_default();
    assert!(last.contains("ownership = \"unknown\""), "{last}");
    assert!(last.contains("dedicated_fte = \"unknown\""), "{last}");
}

#[test]
fn each_answer_on_a_shared_screen_is_saved_before_the_next_question() {
    let q = questionnaire();
    // Screen 4 is the capacity group: two of its three questions answered, then a stop.
    let mut prompter =
        Scripted::new(&q, load_answers(PORT_EXAMPLE)).on(4, Act::Partly(2, Move::Stop));
    let mut flow = Flow::new(&q);
    let (outcome, saves) = run(&mut flow, &mut prompter);
    assert_eq!(saves.len(), 5);
    assert!(
        saves[3].contains("ownership = \"named_part_time\""),
        "{}",
        saves[3]
    );
    assert!(!saves[3].contains("commitment"), "{}", saves[3]);
    assert!(
        saves[4].contains("commitment = \"one_year\""),
        "{}",
        saves[4]
    );
    let Outcome::Stopped(answers) = outcome else {
        panic!("not stopped: {outcome:?}")
    };
    assert_eq!(answers.get(&q, "capacity.frontend_skills"), None);

    // Resuming asks the same screen with the two answers in place.
    let mut second = Scripted::new(&q, load_answers(PORT_EXAMPLE));
    let mut flow = Flow::resume(&q, &answers, &AssessNotes::default());
    run(&mut flow, &mut second);
    assert!(second.ids()[0].starts_with("capacity.ownership"));
    assert_eq!(
        second.seen[0].defaults,
        vec![Some(Value::Choice(1)), Some(Value::Choice(1)), None]
    );
}

#[test]
fn going_back_from_a_shared_screen_keeps_its_answers_and_comes_back_to_its_end() {
    let q = questionnaire();
    // Screen 4 answers one question of the capacity group and goes back to the FTE (5), which
    // goes forward again; then 7 goes back from the integrations stack into the group (8).
    let mut prompter = Scripted::new(&q, load_answers(PORT_EXAMPLE))
        .on(4, Act::Partly(1, Move::Back))
        .on(7, Act::Back);
    let mut flow = Flow::new(&q);
    let (outcome, _) = run(&mut flow, &mut prompter);
    let ids = prompter.ids();
    assert_eq!(ids[4], "capacity.dedicated_fte");
    assert!(ids[5].starts_with("capacity.ownership"));
    assert_eq!(prompter.seen[5].defaults[0], Some(Value::Choice(1)));
    assert!(!prompter.seen[5].backwards);
    assert!(ids[7].starts_with("capacity.ownership"));
    assert!(prompter.seen[7].backwards);
    assert!(prompter.seen[7].defaults.iter().all(Option::is_some));
    assert!(matches!(outcome, Outcome::Finished(_)));
}

#[test]
fn a_declined_offer_is_saved_and_not_offered_again() {
    let q = questionnaire();
    let mut first = Scripted::new(&q, load_answers(PORT_EXAMPLE));
    first.accept_offers = false;
    let mut flow = Flow::new(&q);
    let (Outcome::Finished(answers), saves) = run(&mut flow, &mut first) else {
        panic!("not finished")
    };
    let last = saves.last().cloned().unwrap_or_default();
    assert!(last.ends_with("[cost]\n# Declined in `idpfit assess`: left out on purpose. Answer its questions here to include it.\n"), "{last}");
    let notes = AssessNotes::read(&q, &last);
    assert_eq!(notes.declined, ["cost"]);

    let mut again = Scripted::new(&q, load_answers(PORT_EXAMPLE));
    let mut flow = Flow::resume(&q, &answers, &notes);
    assert_eq!(
        flow.progress(),
        Progress {
            answered: 19,
            total: 19
        }
    );
    let (outcome, saves) = run(&mut flow, &mut again);
    assert!(again.seen.is_empty(), "{:?}", again.ids());
    assert!(saves.is_empty());
    assert_eq!(outcome, Outcome::Finished(answers));
}

#[test]
fn a_complete_file_without_the_optional_section_is_offered_it_once_with_no_as_default() {
    let q = questionnaire();
    let mut answers = load_answers(PORT_EXAMPLE);
    for (question, value) in q.questions.iter().zip(answers.values.iter_mut()) {
        if question.section == "cost" {
            *value = None;
        }
    }
    let mut prompter = Scripted::new(&q, load_answers(PORT_EXAMPLE));
    prompter.accept_offers = false;
    let mut flow = Flow::resume(&q, &answers, &AssessNotes::default());
    assert_eq!(
        flow.progress(),
        Progress {
            answered: 18,
            total: 23
        }
    );
    let (outcome, saves) = run(&mut flow, &mut prompter);
    assert_eq!(prompter.ids(), ["offer:cost"]);
    assert_eq!(prompter.seen[0].defaults, [Some(Value::Bool(false))]);
    assert_eq!(saves.len(), 1);
    assert!(saves[0].contains("[cost]\n# Declined"), "{}", saves[0]);
    assert_eq!(outcome, Outcome::Finished(answers));
}

#[test]
fn progress_counts_answered_screens_among_those_that_apply() {
    let q = questionnaire();
    let mut prompter = Scripted::new(&q, load_answers(PORT_EXAMPLE)).on(4, Act::Stop);
    let mut flow = Flow::new(&q);
    assert_eq!(
        flow.progress(),
        Progress {
            answered: 0,
            total: 26
        }
    );
    let (Outcome::Stopped(partial), _) = run(&mut flow, &mut prompter) else {
        panic!("not stopped")
    };
    let resumed = Flow::resume(&q, &partial, &AssessNotes::default());
    assert_eq!(
        resumed.progress(),
        Progress {
            answered: 3,
            total: 26
        }
    );
}

#[test]
fn an_accepted_offer_and_half_an_all_or_nothing_section_survive_a_stop() {
    let q = questionnaire();
    let full = load_answers(PORT_EXAMPLE);
    // Screen 19 accepts the cost offer, 20 answers the engineer's cost, 21 stops.
    for stop_at in [20, 21] {
        let mut first = Scripted::new(&q, full.clone()).on(stop_at, Act::Stop);
        let mut flow = Flow::new(&q);
        let (_, saves) = run(&mut flow, &mut first);
        let last = saves.last().cloned().unwrap_or_default();
        let notes = AssessNotes::read(&q, &last);
        assert_eq!(notes.begun.len(), 1, "{last}");
        let Ok(partial) = Answers::from_toml("p.toml", &last, &q, LoadOptions { partial: true })
        else {
            panic!("does not load:\n{last}")
        };
        let mut second = Scripted::new(&q, full.clone());
        let mut flow = Flow::resume(&q, &partial, &notes);
        let (outcome, _) = run(&mut flow, &mut second);
        let expected = if stop_at == 20 {
            [
                "cost.engineer_annual_cost",
                "cost.port_annual_subscription",
                "cost.currency",
                "cost.port_fte",
            ]
            .as_slice()
        } else {
            [
                "cost.port_annual_subscription",
                "cost.currency",
                "cost.port_fte",
            ]
            .as_slice()
        };
        assert_eq!(second.ids(), expected, "stopped at {stop_at}");
        assert_eq!(outcome, Outcome::Finished(full.clone()));
    }
}
