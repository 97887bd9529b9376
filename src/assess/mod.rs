//! `idpfit assess`: the interactive front end. It only collects answers; scoring and
//! rendering are the same code `idpfit score` runs.
//!
//! The flow is a small state machine over *steps* built from the questionnaire: one question,
//! a group of questions that share a screen (`ask_with`), or the offer of an optional section
//! (`offer`). Which steps apply follows the questionnaire's `ask_if` rules and the user's
//! offers; nothing about particular questions is written in Rust. The flow talks to the user
//! through [`prompt::Prompter`] and hands every new state of the answers to a save callback
//! as soon as one answer is confirmed (also between the questions of a shared screen), so what
//! was answered survives an interrupt. It does not know about terminals or files: [`terminal`]
//! and the CLI (`crate::cli`) do.
//!
//! Moving forward asks a step when it applies and is not yet complete, or when the user is
//! walking forward again over steps they went back across. Going back goes to the previous
//! step that applies, answered or not, with its answer as the default. An offer nobody has
//! decided starts on No. A declined offer, and a section begun but not complete (an accepted
//! offer, half of an all-or-nothing section), are saved with the answers ([`Saved::notes`]) so
//! that resuming goes on exactly where the user stopped.

pub mod number;
pub mod prompt;
pub mod terminal;

#[cfg(test)]
mod tests;

use anyhow::{Result, bail};

use crate::engine::Evidence;
use crate::model::{Answers, Questionnaire, Value};
use crate::render::answers::AssessNotes;
use prompt::{Answer, Ask, Asked, Move, Position, Prompter, Screen, Suggestion};

/// One screen's worth of the questionnaire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// A question on its own (index into the questionnaire's questions).
    One(usize),
    /// A lead question and the questions asked with it, in file order.
    Group(Vec<usize>),
    /// The yes/no offer of an optional section (index into the questionnaire's sections).
    Offer(usize),
}

/// The steps of a questionnaire, in the order they are asked: file order, with each offered
/// section's offer just before its first question. Sections marked `asked = false` are left to
/// the tools that fill them in.
pub fn plan(questionnaire: &Questionnaire) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    let mut offered = vec![false; questionnaire.sections.len()];
    for (index, question) in questionnaire.questions.iter().enumerate() {
        let section = section_index(questionnaire, index);
        if section.is_some_and(|s| !questionnaire.sections[s].asked) {
            continue;
        }
        if let Some(s) = section
            && questionnaire.sections[s].offer.is_some()
            && !offered[s]
        {
            offered[s] = true;
            steps.push(Step::Offer(s));
        }
        match (question.ask_with, steps.last_mut()) {
            (Some(lead), Some(Step::Group(members))) if members.first() == Some(&lead) => {
                members.push(index);
            }
            (Some(lead), Some(last)) if *last == Step::One(lead) => {
                *last = Step::Group(vec![lead, index]);
            }
            _ => steps.push(Step::One(index)),
        }
    }
    steps
}

fn section_index(questionnaire: &Questionnaire, question: usize) -> Option<usize> {
    let id = &questionnaire.questions.get(question)?.section;
    questionnaire.sections.iter().position(|s| &s.id == id)
}

/// What the flow saves after every answer: the answers file's content.
#[derive(Clone, Debug, PartialEq)]
pub struct Saved {
    pub answers: Answers,
    /// Declined offers, and begun sections that cannot be among the answers yet.
    pub notes: AssessNotes,
}

/// How far an assessment has come, counted in screens as "N of M" counts them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub answered: usize,
    pub total: usize,
}

/// How a run of the flow ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Every step that applies was answered.
    Finished(Answers),
    /// The user stopped; these are the answers as last saved.
    Stopped(Answers),
}

/// The state of an assessment in progress.
pub struct Flow<'q> {
    questionnaire: &'q Questionnaire,
    steps: Vec<Step>,
    /// Answers given, including ones that no longer apply (kept as defaults in case they
    /// apply again; never saved while they do not).
    values: Vec<Option<Value>>,
    /// Per section: whether its offer was accepted; `None` until decided.
    offers: Vec<Option<bool>>,
    /// Steps before this index count as seen: an optional question there left blank is not
    /// asked again (set when resuming a file).
    seen_until: usize,
    /// The furthest step shown in this run; steps up to it are asked again when the user walks
    /// forward after going back.
    furthest: Option<usize>,
    /// Screens shown so far in this run.
    screens: usize,
    /// Per question: what `idpfit scan` measured for it, if anything (`assess --evidence`).
    measured: Vec<Option<Suggestion>>,
}

impl<'q> Flow<'q> {
    /// A new assessment with no answers.
    pub fn new(questionnaire: &'q Questionnaire) -> Flow<'q> {
        Flow {
            questionnaire,
            steps: plan(questionnaire),
            values: vec![None; questionnaire.questions.len()],
            offers: vec![None; questionnaire.sections.len()],
            seen_until: 0,
            furthest: None,
            screens: 0,
            measured: vec![None; questionnaire.questions.len()],
        }
    }

    /// Offers what `idpfit scan` measured: each measured question shows its value and where
    /// it was found, and takes it as its default until answered. Nothing is answered for the
    /// user: a measured value is saved only once confirmed on its screen.
    pub fn with_evidence(mut self, evidence: &Evidence) -> Flow<'q> {
        for measurement in &evidence.measured {
            if let Some(slot) = self.measured.get_mut(measurement.question) {
                *slot = Some(Suggestion {
                    value: measurement.value.clone(),
                    evidence: measurement.lines.first().cloned().unwrap_or_default(),
                });
            }
        }
        self
    }

    /// Continues from a (possibly partial) answers file and its notes: everything up to its
    /// last answer counts as seen; an offered section with answers, or begun, counts as
    /// accepted, and one without answers that the notes decline or that lies before the last
    /// answer as declined.
    pub fn resume(
        questionnaire: &'q Questionnaire,
        answers: &Answers,
        notes: &AssessNotes,
    ) -> Flow<'q> {
        let mut flow = Flow::new(questionnaire);
        flow.values = answers.values.clone();
        flow.values.resize(questionnaire.questions.len(), None);
        for (_, held) in &notes.begun {
            for (index, value) in held {
                if let Some(slot) = flow.values.get_mut(*index) {
                    slot.get_or_insert_with(|| value.clone());
                }
            }
        }
        let begun = |id: &String| notes.begun.iter().any(|(section, _)| section == id);
        let last_answered = flow
            .steps
            .iter()
            .rposition(|step| flow.members(step).iter().any(|&q| flow.values[q].is_some()));
        flow.seen_until = last_answered.map_or(0, |i| i + 1);
        for (index, step) in flow.steps.iter().enumerate() {
            if let Step::Offer(section) = step {
                let id = &questionnaire.sections[*section].id;
                let answered = questionnaire
                    .questions
                    .iter()
                    .zip(&flow.values)
                    .any(|(q, v)| &q.section == id && v.is_some());
                flow.offers[*section] = if answered || begun(id) {
                    Some(true)
                } else if index < flow.seen_until || notes.declined.contains(id) {
                    Some(false)
                } else {
                    None
                };
            }
        }
        flow
    }

    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// How many screens this run has shown.
    pub fn screens(&self) -> usize {
        self.screens
    }

    /// How many of the screens that apply are answered: "18 of 24 answered, 6 to go".
    pub fn progress(&self) -> Progress {
        let resolved = self.resolved();
        let counted: Vec<usize> = (0..self.steps.len()).filter(|&s| self.counts(s)).collect();
        Progress {
            answered: counted
                .iter()
                .filter(|&&s| self.step_applies(s, &resolved) && self.complete(s))
                .count(),
            total: counted.len(),
        }
    }

    /// What is saved: the answers, the offers declined, and the sections begun that the
    /// answers cannot hold yet, with what was answered in them.
    pub fn saved(&self) -> Saved {
        let answers = self.answers();
        let resolved = self.resolved();
        let questionnaire = self.questionnaire;
        let mut notes = AssessNotes::default();
        for (s, section) in questionnaire.sections.iter().enumerate() {
            if self.offers[s] == Some(false) {
                notes.declined.push(section.id.clone());
                continue;
            }
            let members = (0..self.values.len())
                .filter(|&q| questionnaire.questions[q].section == section.id);
            if members.clone().any(|q| answers.values[q].is_some()) {
                continue;
            }
            let held: Vec<(usize, Value)> = members
                .filter(|&q| self.applies(q, &resolved))
                .filter_map(|q| Some((q, self.values[q].clone()?)))
                .collect();
            if !held.is_empty() || self.offers[s] == Some(true) {
                notes.begun.push((section.id.clone(), held));
            }
        }
        Saved { answers, notes }
    }

    /// The answers as they are saved: only questions that apply, and an all-or-nothing section
    /// only once all of it is answered, so the file is always a valid (partial) answers file.
    pub fn answers(&self) -> Answers {
        let resolved = self.resolved();
        let mut values: Vec<Option<Value>> = self
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| v.clone().filter(|_| self.applies(i, &resolved)))
            .collect();
        for section in self
            .questionnaire
            .sections
            .iter()
            .filter(|s| s.all_or_nothing)
        {
            let core = self.questionnaire.all_or_nothing_core(section);
            if core.iter().any(|&i| values[i].is_none()) {
                (0..values.len())
                    .filter(|&i| self.questionnaire.questions[i].section == section.id)
                    .for_each(|i| values[i] = None);
            }
        }
        Answers {
            questionnaire: self.questionnaire.id.clone(),
            values,
        }
    }

    /// Runs the assessment to its end or until the user stops, calling `save` after every
    /// confirmed answer, before the next question is shown.
    pub fn run(
        &mut self,
        prompter: &mut dyn Prompter,
        save: &mut dyn FnMut(&Saved) -> Result<()>,
    ) -> Result<Outcome> {
        let mut current = self.next_from(0);
        let mut backwards = false;
        while let Some(index) = current {
            self.screens += 1;
            let screen = self.screen(index, backwards);
            let step = self.steps[index].clone();
            let moved = prompter.ask(&screen, &mut |answer| {
                self.apply(&step, answer)?;
                save(&self.saved())
            })?;
            self.furthest = Some(self.furthest.map_or(index, |f| f.max(index)));
            backwards = moved == Move::Back;
            current = match moved {
                Move::Stop => return Ok(Outcome::Stopped(self.answers())),
                Move::Back => Some(self.previous_before(index).unwrap_or(index)),
                Move::Next if self.answered_here(&step) => self.next_from(index + 1),
                Move::Next => bail!("the screen {step:?} ended before all of it was answered"),
            };
        }
        Ok(Outcome::Finished(self.answers()))
    }

    fn apply(&mut self, step: &Step, answer: Answer) -> Result<()> {
        match (step, answer) {
            (Step::One(_) | Step::Group(_), Answer::Question { member, value }) => {
                match self.members(step).get(member) {
                    Some(&q) => self.values[q] = value,
                    None => bail!("no question {member} on the screen {step:?}"),
                }
            }
            (Step::Offer(section), Answer::Offer(accepted)) => {
                self.offers[*section] = Some(accepted);
            }
            (step, answer) => bail!("the answer {answer:?} does not fit the screen {step:?}"),
        }
        Ok(())
    }

    /// Whether every question of `step` that must be answered is (an optional one may stay
    /// blank), or its offer was decided.
    fn answered_here(&self, step: &Step) -> bool {
        match step {
            Step::Offer(s) => self.offers[*s].is_some(),
            step => self
                .members(step)
                .iter()
                .all(|&q| self.values[q].is_some() || !self.must_answer(q)),
        }
    }

    fn screen(&self, index: usize, backwards: bool) -> Screen<'q> {
        let questionnaire = self.questionnaire;
        let step = &self.steps[index];
        let section = match step {
            Step::Offer(s) => Some(*s),
            Step::One(q) => section_index(questionnaire, *q),
            Step::Group(members) => members
                .first()
                .and_then(|q| section_index(questionnaire, *q)),
        };
        let section = section.and_then(|s| questionnaire.sections.get(s));
        let previous = self.previous_before(index);
        let previous_section = previous.and_then(|p| self.section_of(p));
        let first_of_section = previous_section != section.map(|s| s.id.as_str());
        let number = 1 + (0..index).filter(|&s| self.counts(s)).count();
        let total = (0..self.steps.len()).filter(|&s| self.counts(s)).count();
        let ask = match step {
            Step::Offer(s) => {
                let section = &questionnaire.sections[*s];
                Ask::Offer {
                    section,
                    text: section.offer.as_deref().unwrap_or(&section.title),
                    default: self.offers[*s] == Some(true),
                }
            }
            step => Ask::Questions(
                self.members(step)
                    .iter()
                    .map(|&q| Asked {
                        question: &questionnaire.questions[q],
                        default: self.values[q].clone(),
                        measured: self.measured[q].clone(),
                        must_answer: self.must_answer(q),
                    })
                    .collect(),
            ),
        };
        Screen {
            position: Position {
                title: section.map_or("", |s| s.title.as_str()),
                number,
                total: total.max(number),
            },
            intro: section
                .filter(|s| first_of_section && !s.intro.is_empty())
                .map(|s| s.intro.as_str()),
            can_go_back: previous.is_some(),
            backwards,
            ask,
        }
    }

    fn section_of(&self, step: usize) -> Option<&'q str> {
        let questionnaire = self.questionnaire;
        match self.steps.get(step)? {
            Step::Offer(s) => questionnaire.sections.get(*s).map(|s| s.id.as_str()),
            other => {
                let q = *self.members(other).first()?;
                Some(questionnaire.questions[q].section.as_str())
            }
        }
    }

    fn members<'s>(&self, step: &'s Step) -> &'s [usize] {
        match step {
            Step::One(q) => std::slice::from_ref(q),
            Step::Group(members) => members,
            Step::Offer(_) => &[],
        }
    }

    /// Every answer, with unanswered questions as unknown (which never satisfies a condition).
    fn resolved(&self) -> Vec<Value> {
        self.values
            .iter()
            .map(|v| v.clone().unwrap_or(Value::Unknown))
            .collect()
    }

    fn offered_section(&self, question: usize) -> Option<usize> {
        section_index(self.questionnaire, question)
            .filter(|&s| self.questionnaire.sections[s].offer.is_some())
    }

    /// Whether a question applies: its `ask_if` holds and, in an offered section, the offer
    /// was accepted.
    fn applies(&self, question: usize, resolved: &[Value]) -> bool {
        let accepted = self
            .offered_section(question)
            .is_none_or(|s| self.offers[s] == Some(true));
        accepted && self.questionnaire.questions[question].applies(resolved)
    }

    fn must_answer(&self, question: usize) -> bool {
        let q = &self.questionnaire.questions[question];
        let all_or_nothing = section_index(self.questionnaire, question)
            .is_some_and(|s| self.questionnaire.sections[s].all_or_nothing);
        q.required || (all_or_nothing && !q.detail)
    }

    fn step_applies(&self, index: usize, resolved: &[Value]) -> bool {
        match &self.steps[index] {
            Step::Offer(_) => true,
            step => self
                .members(step)
                .first()
                .is_some_and(|&q| self.applies(q, resolved)),
        }
    }

    /// Whether a step counts towards "N of M": it applies, or may still come to apply because
    /// its condition reads an unanswered question or its offer is undecided.
    fn counts(&self, index: usize) -> bool {
        let Some(&lead) = self.members(&self.steps[index]).first() else {
            return true;
        };
        let offer_open = self
            .offered_section(lead)
            .is_none_or(|s| self.offers[s] != Some(false));
        let question = &self.questionnaire.questions[lead];
        let condition_open = question.ask_if.as_ref().is_none_or(|c| {
            c.questions().iter().any(|&q| self.values[q].is_none()) || c.holds(&self.resolved())
        });
        offer_open && condition_open
    }

    fn complete(&self, index: usize) -> bool {
        match &self.steps[index] {
            Step::Offer(s) => self.offers[*s].is_some(),
            step => self.members(step).iter().all(|&q| {
                self.values[q].is_some() || (!self.must_answer(q) && index < self.seen_until)
            }),
        }
    }

    fn next_from(&self, start: usize) -> Option<usize> {
        let resolved = self.resolved();
        (start..self.steps.len()).find(|&i| {
            self.step_applies(i, &resolved)
                && (self.furthest.is_some_and(|f| i <= f) || !self.complete(i))
        })
    }

    fn previous_before(&self, index: usize) -> Option<usize> {
        let resolved = self.resolved();
        (0..index).rev().find(|&i| self.step_applies(i, &resolved))
    }
}
