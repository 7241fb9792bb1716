//! Validation: every reference resolves, dates are valid and ordered, provisions are consistent,
//! every fact has a source — and every problem is reported at once, each at the place it was
//! written, with a way to fix it.
//!
//! [`validate`] never stops at the first problem. [`canonicalize`] then rewrites every alias to the
//! actor's id (and every place to its canonical id) so that analyses compare plain strings.

use crate::alias::AliasIndex;
use crate::date::PartialDate;
use crate::origin::{Issue, Origin, Severity, closest};
use crate::refs::RefKind;
use crate::scenario::{Facts, Scenario};
use crate::source::{Citation, FactKind, FactRef};
use crate::{ActorKind, AgreementKind, Condition, ForceStatus, ProvisionKind};
use std::collections::{HashMap, HashSet};

/// Resolves names in one world (a scenario's facts, or a scenario with an overlay applied).
pub struct Resolver {
    pub aliases: AliasIndex,
    alias_issues: Vec<Issue>,
    sources: HashMap<String, (Option<u32>, Vec<String>)>,
    regions: HashSet<String>,
    /// Flashpoint ids and aliases, upper-cased, to the flashpoint id.
    places: HashMap<String, String>,
    facts: HashSet<FactRef>,
}

/// What a place name denotes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "kebab-case")]
pub enum Place {
    Flashpoint(String),
    /// An actor's own territory.
    Territory(String),
}

impl Resolver {
    pub fn new(facts: &Facts) -> Resolver {
        let (aliases, alias_issues) = AliasIndex::build(&facts.actors);
        let sources = facts
            .sources
            .iter()
            .map(|s| (s.id.clone(), (s.lines, s.sections.clone())))
            .collect();
        let regions = facts.regions.iter().map(|r| r.id.clone()).collect();
        let mut places = HashMap::new();
        for f in &facts.flashpoints {
            for name in std::iter::once(&f.id)
                .chain(&f.aliases)
                .chain(std::iter::once(&f.name))
            {
                places
                    .entry(name.to_uppercase())
                    .or_insert_with(|| f.id.clone());
            }
        }
        let mut r = Resolver {
            aliases,
            alias_issues,
            sources,
            regions,
            places,
            facts: HashSet::new(),
        };
        r.facts = facts
            .refs()
            .into_iter()
            .filter_map(|f| r.canonical_fact(&f).ok())
            .collect();
        r
    }

    /// The canonical id of an actor name.
    pub fn actor(&self, name: &str) -> Option<&str> {
        self.aliases.canonical(name)
    }

    /// What a place name denotes: a flashpoint (by id, alias or name) first, else an actor's territory.
    pub fn place(&self, name: &str) -> Option<Place> {
        if let Some(id) = self.places.get(&name.trim().to_uppercase()) {
            return Some(Place::Flashpoint(id.clone()));
        }
        self.actor(name).map(|a| Place::Territory(a.to_string()))
    }

    fn place_names(&self) -> impl Iterator<Item = &str> {
        self.places
            .values()
            .map(String::as_str)
            .chain(self.aliases.ids().iter().map(String::as_str))
    }

    /// A fact reference with its actor parts resolved, or the reason it does not resolve.
    fn canonical_fact(&self, r: &FactRef) -> Result<FactRef, (String, Option<String>)> {
        let actor = |name: &str| -> Result<String, (String, Option<String>)> {
            self.actor(name).map(str::to_string).ok_or_else(|| {
                (
                    format!("unknown actor \"{name}\""),
                    self.aliases
                        .suggest(name)
                        .map(|s| format!("did you mean \"{s}\"?")),
                )
            })
        };
        let id = match r.kind {
            FactKind::Actor => actor(&r.id)?,
            FactKind::Membership => {
                let Some((org, member)) = r.id.split_once('/') else {
                    return Err((
                        format!("\"{}\" is not a membership reference", r.id),
                        Some(
                            "write membership:ORGANISATION/MEMBER, e.g. membership:SCO/IND".into(),
                        ),
                    ));
                };
                format!("{}/{}", actor(org)?, actor(member)?)
            }
            FactKind::Capability => {
                let Some((who, year)) = r.id.split_once('/') else {
                    return Err((
                        format!("\"{}\" is not a capability reference", r.id),
                        Some("write capability:ACTOR/YEAR, e.g. capability:JPN/2024".into()),
                    ));
                };
                format!("{}/{}", actor(who)?, year.trim())
            }
            _ => r.id.clone(),
        };
        Ok(FactRef { kind: r.kind, id })
    }

    /// Whether the world holds the fact `r` (after resolving its actor parts).
    pub fn has_fact(&self, r: &FactRef) -> bool {
        self.canonical_fact(r)
            .is_ok_and(|c| self.facts.contains(&c))
    }

    fn fact_suggestion(&self, r: &FactRef) -> Option<String> {
        let ids: Vec<&str> = self
            .facts
            .iter()
            .filter(|f| f.kind == r.kind)
            .map(|f| f.id.as_str())
            .collect();
        closest(&r.id, ids).map(|s| format!("did you mean \"{}:{s}\"?", r.kind.name()))
    }

    /// Checks one reference, returning the problem if it does not resolve.
    fn check(&self, kind: RefKind, origin: Origin, text: &str) -> Option<Issue> {
        match kind {
            RefKind::Actor => self.actor(text).is_none().then(|| {
                Issue::error(origin, format!("unknown actor \"{text}\"")).with_hint(
                    self.aliases
                        .suggest(text)
                        .map(|s| format!("did you mean \"{s}\"?"))
                        .unwrap_or_else(|| {
                            "add an [[actor]] with this id, or use an existing id or code".into()
                        }),
                )
            }),
            RefKind::Region => (!self.regions.contains(text)).then(|| {
                Issue::error(origin, format!("unknown region \"{text}\"")).with_hint(
                    closest(text, self.regions.iter().map(String::as_str))
                        .map(|s| format!("did you mean \"{s}\"?"))
                        .unwrap_or_else(|| "declare it with [[region]] id = \"…\"".into()),
                )
            }),
            RefKind::Place => self.place(text).is_none().then(|| {
                Issue::error(origin, format!("unknown place \"{text}\"")).with_hint(
                    closest(text, self.place_names())
                        .map(|s| format!("did you mean \"{s}\"?"))
                        .unwrap_or_else(|| {
                            "a place is a flashpoint id or an actor (its own territory)".into()
                        }),
                )
            }),
            RefKind::Source(lines, at) => match self.sources.get(text) {
                None => Some(
                    Issue::error(origin, format!("unknown source \"{text}\"")).with_hint(
                        closest(text, self.sources.keys().map(String::as_str))
                            .map(|s| format!("did you mean \"{s}\"?"))
                            .unwrap_or_else(|| "declare it with [[source]] id = \"…\"".into()),
                    ),
                ),
                Some((_, sections))
                    if !sections.is_empty()
                        && at.as_deref().is_some_and(|at| {
                            !sections.iter().any(|s| at.starts_with(s.as_str()))
                        }) =>
                {
                    Some(
                        Issue::error(
                            origin.at(std::iter::empty::<&str>()),
                            format!(
                                "source \"{text}\" has no section \"{}\"",
                                at.as_deref().unwrap_or_default()
                            ),
                        )
                        .with_hint(format!("its sections are: {}", sections.join(", "))),
                    )
                }
                Some((Some(total), _)) => match lines {
                    Some(l) if l.end > *total => Some(
                        Issue::error(
                            origin.at(std::iter::empty::<&str>()),
                            format!(
                                "source \"{text}\" has {total} lines; line {} does not exist",
                                l.end
                            ),
                        )
                        .with_hint("check the line numbers against the source text"),
                    ),
                    _ => None,
                },
                Some((None, _)) => None,
            },
            RefKind::Fact(kind) => {
                let r = FactRef {
                    kind,
                    id: text.to_string(),
                };
                match self.canonical_fact(&r) {
                    Err((message, hint)) => Some(Issue::error(origin, message).with_hint_opt(hint)),
                    Ok(c) if self.facts.contains(&c) => None,
                    Ok(_) => Some(
                        Issue::error(
                            origin,
                            format!("no {} \"{}\" in this scenario", kind.name(), text),
                        )
                        .with_hint_opt(self.fact_suggestion(&r)),
                    ),
                }
            }
        }
    }

    fn canonical_text(&self, kind: RefKind, text: &str) -> Option<String> {
        match kind {
            RefKind::Actor => self.actor(text).map(str::to_string),
            RefKind::Place => self.place(text).map(|p| match p {
                Place::Flashpoint(id) | Place::Territory(id) => id,
            }),
            RefKind::Fact(k) => self
                .canonical_fact(&FactRef {
                    kind: k,
                    id: text.to_string(),
                })
                .ok()
                .map(|f| f.id),
            RefKind::Region | RefKind::Source(..) => None,
        }
    }
}

/// Every problem in the scenario and its overlays, sorted by where it was written.
pub fn validate(scenario: &Scenario) -> Vec<Issue> {
    let mut issues = check_world(&scenario.facts);
    let base: HashSet<(Origin, String)> = issues
        .iter()
        .map(|i| (i.origin.clone(), i.message.clone()))
        .collect();
    issues.extend(check_overlays(scenario, &base));
    issues.sort_by(|a, b| {
        (a.origin.file, &a.origin.path, a.severity).cmp(&(
            b.origin.file,
            &b.origin.path,
            b.severity,
        ))
    });
    let mut seen = HashSet::new();
    issues.retain(|i| seen.insert((i.origin.clone(), i.message.clone())));
    issues
}

/// Rewrites every actor alias and place name to its canonical id, in the facts and the overlays.
/// References that do not resolve are left as written (validation reports them).
pub fn canonicalize(scenario: &mut Scenario) {
    let resolver = Resolver::new(&scenario.facts);
    let rewrite = |kind: RefKind, _: Origin, text: &mut String| {
        if let Some(c) = resolver.canonical_text(kind, text) {
            *text = c;
        }
    };
    scenario.facts.visit_refs(&mut { rewrite });
    // Overlays may add actors and flashpoints: resolve each against the world it creates.
    let mut overlays = std::mem::take(&mut scenario.overlays);
    for o in &mut overlays {
        let mut world = scenario.facts.clone();
        world.extend(o.add.clone());
        let r = Resolver::new(&world);
        o.visit_refs(&mut |kind, _, text: &mut String| {
            if let Some(c) = r.canonical_text(kind, text) {
                *text = c;
            }
        });
    }
    scenario.overlays = overlays;
    scenario.merge_memberships();
}

fn check_world(facts: &Facts) -> Vec<Issue> {
    let resolver = Resolver::new(facts);
    let mut issues = resolver.alias_issues.clone();
    facts
        .clone()
        .visit_refs(&mut |kind, origin, text: &mut String| {
            issues.extend(resolver.check(kind, origin, text));
        });
    check_duplicates(facts, &mut issues);
    check_sourced(facts, &mut issues);
    check_actors(facts, &resolver, &mut issues);
    check_regions(facts, &mut issues);
    check_honour(facts, &mut issues);
    check_agreements(facts, &resolver, &mut issues);
    check_capabilities(facts, &mut issues);
    check_events_and_places(facts, &resolver, &mut issues);
    crate::contest::check(facts, &mut issues);
    issues
}

fn check_duplicates(facts: &Facts, issues: &mut Vec<Issue>) {
    fn dups<'a>(
        issues: &mut Vec<Issue>,
        what: &str,
        items: impl Iterator<Item = (String, &'a Origin)>,
        key_field: &str,
    ) {
        let mut first: HashMap<String, &Origin> = HashMap::new();
        for (id, origin) in items {
            match first.get(&id) {
                Some(_) => issues.push(
                    Issue::error(origin.key(key_field), format!("duplicate {what} \"{id}\""))
                        .with_hint(format!(
                            "each {what} needs its own id; rename one or remove the copy"
                        )),
                ),
                None => {
                    first.insert(id, origin);
                }
            }
        }
    }
    dups(
        issues,
        "source",
        facts.sources.iter().map(|x| (x.id.clone(), &x.origin)),
        "id",
    );
    dups(
        issues,
        "region",
        facts.regions.iter().map(|x| (x.id.clone(), &x.origin)),
        "id",
    );
    dups(
        issues,
        "agreement",
        facts.agreements.iter().map(|x| (x.id.clone(), &x.origin)),
        "id",
    );
    dups(
        issues,
        "force item",
        facts.forces.iter().map(|x| (x.id.clone(), &x.origin)),
        "id",
    );
    dups(
        issues,
        "event",
        facts.events.iter().map(|x| (x.id.clone(), &x.origin)),
        "id",
    );
    dups(
        issues,
        "war",
        facts.wars.iter().map(|x| (x.id.clone(), &x.origin)),
        "id",
    );
    dups(
        issues,
        "issue",
        facts.issues.iter().map(|x| (x.id.clone(), &x.origin)),
        "id",
    );
    dups(
        issues,
        "flashpoint",
        facts.flashpoints.iter().map(|x| (x.id.clone(), &x.origin)),
        "id",
    );
    dups(
        issues,
        "disagreement",
        facts
            .disagreements
            .iter()
            .map(|x| (x.id.clone(), &x.origin)),
        "id",
    );
    dups(
        issues,
        "assessment",
        facts.assessments.iter().map(|x| (x.id.clone(), &x.origin)),
        "id",
    );
    dups(
        issues,
        "capability year",
        facts.capabilities.iter().map(|x| (x.key(), &x.origin)),
        "year",
    );
}

fn require_cite(issues: &mut Vec<Issue>, origin: &Origin, what: &str, cite: &[Citation]) {
    if cite.is_empty() {
        issues.push(
            Issue::error(origin.key("cite"), format!("{what} has no source"))
                .with_hint("every fact says where it comes from: add cite = [{ source = \"…\", lines = \"…\" }]"),
        );
    }
}

fn check_sourced(facts: &Facts, issues: &mut Vec<Issue>) {
    for a in &facts.actors {
        require_cite(issues, &a.origin, &format!("actor \"{}\"", a.id), &a.cite);
    }
    for m in &facts.memberships {
        require_cite(
            issues,
            &m.origin,
            &format!("membership of \"{}\"", m.actor),
            &m.cite,
        );
    }
    for a in &facts.agreements {
        require_cite(
            issues,
            &a.origin,
            &format!("agreement \"{}\"", a.id),
            &a.cite,
        );
    }
    for c in &facts.capabilities {
        require_cite(
            issues,
            &c.origin,
            &format!("capability \"{}\"", c.key()),
            &c.cite,
        );
    }
    for f in &facts.forces {
        require_cite(
            issues,
            &f.origin,
            &format!("force item \"{}\"", f.id),
            &f.cite,
        );
    }
    for e in &facts.events {
        require_cite(issues, &e.origin, &format!("event \"{}\"", e.id), &e.cite);
    }
    for f in &facts.flashpoints {
        require_cite(
            issues,
            &f.origin,
            &format!("flashpoint \"{}\"", f.id),
            &f.cite,
        );
    }
    for w in &facts.wars {
        require_cite(issues, &w.origin, &format!("war \"{}\"", w.id), &w.cite);
        for (i, m) in w.moves.iter().enumerate() {
            require_cite(
                issues,
                &w.origin.item("move", i),
                &format!("war \"{}\" move {}", w.id, i + 1),
                &m.cite,
            );
        }
        for (i, j) in w.joined.iter().enumerate() {
            require_cite(
                issues,
                &w.origin.item("joined", i),
                &format!("war \"{}\" joined {}", w.id, i + 1),
                &j.cite,
            );
        }
    }
    for a in &facts.assessments {
        require_cite(
            issues,
            &a.origin,
            &format!("assessment \"{}\"", a.id),
            &a.cite,
        );
    }
    for d in &facts.disagreements {
        for (i, c) in d.claims.iter().enumerate() {
            require_cite(issues, &d.origin.item("claim", i), "a claim", &c.cite);
        }
    }
}

/// Reports `later` if it certainly lies before `earlier`.
fn check_order(
    issues: &mut Vec<Issue>,
    origin: Origin,
    earlier: (&str, Option<&PartialDate>),
    later: (&str, Option<&PartialDate>),
) {
    if let (Some(a), Some(b)) = (earlier.1, later.1)
        && b.certainly_before(a)
    {
        issues.push(
            Issue::error(
                origin,
                format!("`{}` ({b}) is before `{}` ({a})", later.0, earlier.0),
            )
            .with_hint(format!(
                "`{}` cannot come before `{}`; check both dates",
                later.0, earlier.0
            )),
        );
    }
}

fn check_actors(facts: &Facts, resolver: &Resolver, issues: &mut Vec<Issue>) {
    for a in &facts.actors {
        let o = &a.origin;
        match a.kind {
            ActorKind::State => {
                if a.cow.is_none() {
                    issues.push(
                        Issue::error(o.key("id"), format!("state \"{}\" has no COW number", a.id))
                            .with_hint("a state's identity is its Correlates of War number: add e.g. `cow = 740`"),
                    );
                }
                if !a.members.is_empty() {
                    issues.push(
                        Issue::error(o.key("members"), format!("state \"{}\" has members", a.id))
                            .with_hint("only organisations have members; set kind = \"organisation\" or move the list"),
                    );
                }
            }
            ActorKind::Organisation => {
                if a.cow.is_some() || a.iso3.is_some() || a.cow_abbr.is_some() {
                    issues.push(
                        Issue::error(
                            o.key("kind"),
                            format!("organisation \"{}\" has a state code", a.id),
                        )
                        .with_hint(
                            "COW numbers, COW abbreviations and ISO3 codes belong to states",
                        ),
                    );
                }
            }
        }
        let mut seen = HashMap::new();
        for (i, m) in a.members.iter().enumerate() {
            let mo = o.item("members", i);
            check_order(
                issues,
                mo.clone(),
                ("from", m.from.as_ref()),
                ("until", m.until.as_ref()),
            );
            if resolver.actor(&m.actor) == Some(a.id.as_str()) {
                issues.push(Issue::error(
                    mo.key("actor"),
                    format!("\"{}\" is listed as a member of itself", a.id),
                ));
            }
            if let Some(org) = &m.organisation
                && resolver.actor(org) != Some(a.id.as_str())
            {
                issues.push(
                    Issue::error(
                        mo.key("organisation"),
                        format!("a member of \"{}\" names organisation \"{org}\"", a.id),
                    )
                    .with_hint("inside an organisation's members list, leave `organisation` out"),
                );
            }
            let key = (
                resolver.actor(&m.actor).unwrap_or(&m.actor).to_string(),
                m.role,
            );
            if let Some(prev) = seen.insert(key, i) {
                let _ = prev;
                if m.from.is_none() {
                    issues.push(
                        Issue::error(mo.key("actor"), format!("\"{}\" is listed twice as {} of \"{}\"", m.actor, m.role, a.id))
                            .with_hint("give each spell of membership its own `from` and `until` dates, or remove the copy"),
                    );
                }
            }
        }
    }
    let kind_of = |name: &str| {
        facts
            .actors
            .iter()
            .find(|a| Some(a.id.as_str()) == resolver.actor(name))
            .map(|a| a.kind)
    };
    for m in &facts.memberships {
        let o = &m.origin;
        match &m.organisation {
            None => issues.push(
                Issue::error(
                    o.key("actor"),
                    format!("membership of \"{}\" names no organisation", m.actor),
                )
                .with_hint("add organisation = \"…\" (the organisation's id)"),
            ),
            Some(org) => {
                if kind_of(org) == Some(ActorKind::State) {
                    issues.push(
                        Issue::error(
                            o.key("organisation"),
                            format!("\"{org}\" is a state, not an organisation"),
                        )
                        .with_hint("memberships belong to actors of kind = \"organisation\""),
                    );
                }
            }
        }
        check_order(
            issues,
            o.clone(),
            ("from", m.from.as_ref()),
            ("until", m.until.as_ref()),
        );
    }
}

fn check_honour(facts: &Facts, issues: &mut Vec<Issue>) {
    let mut stated: Vec<(Origin, &crate::honour::Honour)> = Vec::new();
    for a in &facts.actors {
        if let Some(h) = &a.honour {
            stated.push((a.origin.key("honour"), h));
        }
    }
    for a in &facts.agreements {
        if let Some(h) = &a.honour {
            stated.push((a.origin.key("honour"), h));
        }
        for (i, p) in a.provisions.iter().enumerate() {
            for (k, h) in p.honour.iter().enumerate() {
                stated.push((a.origin.item("provision", i).item("honour", k), h));
                if let Some(o) = &h.obligor
                    && !p.obligors.is_empty()
                    && !p.obligors.contains(o)
                {
                    issues.push(
                        Issue::error(
                            a.origin
                                .item("provision", i)
                                .item("honour", k)
                                .key("obligor"),
                            format!("\"{o}\" owes nothing under {}", p.article),
                        )
                        .with_hint("an assessment is for one of the provision's obligors"),
                    );
                }
                if h.why.is_empty() || h.cite.is_empty() {
                    issues.push(
                        Issue::error(
                            a.origin.item("provision", i).item("honour", k),
                            "a case assessment needs its reasoning and sources",
                        )
                        .with_hint("add why = \"…\" and cite = [{ source = \"…\" }]"),
                    );
                }
            }
        }
    }
    for (origin, h) in stated {
        if let Some(problem) = h.problem() {
            issues.push(
                Issue::error(origin, format!("honour: {problem}"))
                    .with_hint("`honour` is a probability between 0 and 1, or { p = …, range = [low, high], why = \"…\", cite = [...] }"),
            );
        }
    }
}

fn check_regions(facts: &Facts, issues: &mut Vec<Issue>) {
    let within: HashMap<&str, &Vec<String>> = facts
        .regions
        .iter()
        .map(|r| (r.id.as_str(), &r.within))
        .collect();
    for r in &facts.regions {
        // Depth-first from r: reaching r again is a cycle.
        let mut stack: Vec<&str> = r.within.iter().map(String::as_str).collect();
        let mut seen = HashSet::new();
        while let Some(x) = stack.pop() {
            if x == r.id {
                issues.push(
                    Issue::error(
                        r.origin.key("within"),
                        format!("region \"{}\" lies within itself", r.id),
                    )
                    .with_hint("`within` must not form a cycle; remove one of the links"),
                );
                break;
            }
            if seen.insert(x)
                && let Some(w) = within.get(x)
            {
                stack.extend(w.iter().map(String::as_str));
            }
        }
    }
}

fn check_agreements(facts: &Facts, resolver: &Resolver, issues: &mut Vec<Issue>) {
    let org_members = |org: &str| -> Vec<String> {
        facts
            .actors
            .iter()
            .filter(|a| Some(a.id.as_str()) == resolver.actor(org))
            .flat_map(|a| a.members.iter().map(|m| m.actor.clone()))
            .chain(
                facts
                    .memberships
                    .iter()
                    .filter(|m| {
                        m.organisation.as_deref().and_then(|o| resolver.actor(o))
                            == resolver.actor(org)
                    })
                    .map(|m| m.actor.clone()),
            )
            .filter_map(|m| resolver.actor(&m).map(str::to_string))
            .collect()
    };
    for a in &facts.agreements {
        let o = &a.origin;
        let parties: Vec<String> = match (&a.organisation, a.members.is_empty()) {
            (Some(_), false) => {
                issues.push(
                    Issue::error(o.key("members"), format!("agreement \"{}\" has both `members` and `organisation`", a.id))
                        .with_hint("an organisation's agreement takes its parties from the organisation: drop `members`"),
                );
                continue;
            }
            (Some(org), true) => {
                if facts.actors.iter().any(|x| {
                    Some(x.id.as_str()) == resolver.actor(org) && x.kind == ActorKind::State
                }) {
                    issues.push(
                        Issue::error(
                            o.key("organisation"),
                            format!("\"{org}\" is a state, not an organisation"),
                        )
                        .with_hint("list the parties in `members` instead"),
                    );
                }
                org_members(org)
            }
            (None, true) => {
                issues.push(
                    Issue::error(
                        o.key("id"),
                        format!("agreement \"{}\" has no parties", a.id),
                    )
                    .with_hint("add members = [\"…\", \"…\"], or organisation = \"…\""),
                );
                continue;
            }
            (None, false) => {
                let mut seen = HashSet::new();
                for (i, m) in a.members.iter().enumerate() {
                    if let Some(c) = resolver.actor(m)
                        && !seen.insert(c)
                    {
                        issues.push(Issue::error(
                            o.item("members", i),
                            format!("\"{m}\" is listed twice"),
                        ));
                    }
                }
                if seen.len() < 2 && a.kind != AgreementKind::Law && a.members.len() == seen.len() {
                    issues.push(
                        Issue::error(o.key("members"), format!("agreement \"{}\" has fewer than two parties", a.id))
                            .with_hint("an agreement binds two or more parties; a unilateral commitment is kind = \"law\""),
                    );
                }
                a.members
                    .iter()
                    .filter_map(|m| resolver.actor(m).map(str::to_string))
                    .collect()
            }
        };
        let is_party = |name: &str| {
            resolver
                .actor(name)
                .is_some_and(|c| parties.iter().any(|p| p == c))
        };
        check_order(
            issues,
            o.key("in_force"),
            ("signed", a.signed.as_ref()),
            ("in_force", a.in_force.as_ref()),
        );
        check_order(
            issues,
            o.key("ends"),
            ("in_force", a.in_force.as_ref()),
            ("ends", a.ends.as_ref()),
        );
        check_order(
            issues,
            o.key("ends"),
            ("signed", a.signed.as_ref()),
            ("ends", a.ends.as_ref()),
        );
        if a.signed.is_none() && a.in_force.is_none() {
            issues.push(
                Issue::warning(
                    o.key("id"),
                    format!("agreement \"{}\" has neither `signed` nor `in_force`", a.id),
                )
                .with_hint("without a start date it is never in force for date-based analyses"),
            );
        }
        for (i, r) in a.ratified.iter().enumerate() {
            let ro = o.item("ratified", i);
            check_order(
                issues,
                ro.key("date"),
                ("signed", a.signed.as_ref()),
                ("ratified", Some(&r.date)),
            );
            if resolver.actor(&r.actor).is_some() && !is_party(&r.actor) {
                issues.push(
                    Issue::error(
                        ro.key("actor"),
                        format!("\"{}\" ratified \"{}\" but is not a party", r.actor, a.id),
                    )
                    .with_hint("add it to `members`, or correct the ratifying actor"),
                );
            }
        }
        for (i, p) in a.provisions.iter().enumerate() {
            let po = o.item("provision", i);
            for (field, list) in [
                ("obligors", &p.obligors),
                ("beneficiaries", &p.beneficiaries),
            ] {
                for (k, who) in list.iter().enumerate() {
                    if resolver.actor(who).is_some() && !is_party(who) {
                        issues.push(
                            Issue::error(
                                po.item(field, k),
                                format!("\"{who}\" is not a party to \"{}\"", a.id),
                            )
                            .with_hint(format!("{field} must be parties to the agreement")),
                        );
                    }
                }
            }
            let canon = |v: &Vec<String>| -> HashSet<String> {
                if v.is_empty() {
                    parties.iter().cloned().collect()
                } else {
                    v.iter()
                        .filter_map(|x| resolver.actor(x).map(str::to_string))
                        .collect()
                }
            };
            let (ob, be) = (canon(&p.obligors), canon(&p.beneficiaries));
            if !ob.is_empty() && !be.is_empty() && ob.len() == 1 && ob == be {
                issues.push(
                    Issue::error(
                        po.key("beneficiaries"),
                        format!(
                            "provision {} of \"{}\" obliges its only obligor to itself",
                            p.article, a.id
                        ),
                    )
                    .with_hint("an obligation is owed to someone else: list the beneficiaries"),
                );
            }
            if let Some(n) = &p.nuclear_umbrella {
                if p.kind != ProvisionKind::Defence {
                    issues.push(
                        Issue::error(
                            po.key("nuclear_umbrella"),
                            format!("a nuclear umbrella on a {} provision", p.kind),
                        )
                        .with_hint(
                            "extended nuclear deterrence is an attribute of a defence commitment",
                        ),
                    );
                }
                if resolver.actor(&n.provider).is_some_and(|c| !ob.contains(c)) {
                    issues.push(
                        Issue::error(
                            po.key("nuclear_umbrella").key("provider"),
                            format!(
                                "\"{}\" provides the umbrella but owes nothing under {}",
                                n.provider, p.article
                            ),
                        )
                        .with_hint("the provider must be one of the provision's obligors"),
                    );
                }
            }
            if !p.areas.is_empty() && p.kind != ProvisionKind::Cooperation {
                issues.push(
                    Issue::warning(po.key("areas"), format!("`areas` on a {} provision", p.kind))
                        .with_hint("`areas` describes cooperation provisions; use a separate kind = \"cooperation\" provision"),
                );
            }
            for (k, c) in p.conditions.iter().enumerate() {
                let co = po.item("conditions", k);
                match c {
                    Condition::MinAdversaries { count } if *count < 2 => issues.push(
                        Issue::error(co.key("count"), format!("min-adversaries of {count} limits nothing"))
                            .with_hint("a count of 2 or more restricts the obligation; otherwise drop the condition"),
                    ),
                    Condition::Region { regions } if regions.is_empty() => {
                        issues.push(Issue::error(co.key("regions"), "a region condition lists no region"))
                    }
                    Condition::Place { places } if places.is_empty() => {
                        issues.push(Issue::error(co.key("places"), "a place condition lists no place"))
                    }
                    Condition::Adversary { actors } | Condition::WarWith { actors } if actors.is_empty() => {
                        issues.push(Issue::error(co.key("actors"), "the condition lists no state"))
                    }
                    Condition::Scope { clauses } if clauses.is_empty() => issues.push(
                        Issue::error(co.key("clauses"), "a scope condition lists no clause")
                            .with_hint("add clauses = [{ on = \"territory\", regions = [\"europe\"] }], or drop the condition"),
                    ),
                    _ => {}
                }
                if !p.kind.is_wartime() && p.kind != ProvisionKind::Consultation {
                    issues.push(
                        Issue::warning(
                            co.clone(),
                            format!("a condition on a {} provision", p.kind),
                        )
                        .with_hint(
                            "conditions limit wartime obligations; cooperation has none to limit",
                        ),
                    );
                }
            }
        }
    }
}

fn check_capabilities(facts: &Facts, issues: &mut Vec<Issue>) {
    for c in &facts.capabilities {
        let mut any = false;
        for (name, q) in c.components() {
            let Some(q) = q else { continue };
            any = true;
            if q.values().iter().any(|v| *v < 0.0) {
                issues.push(
                    Issue::error(c.origin.key(name), format!("{name} is negative"))
                        .with_hint("capability components are counts and amounts, never negative"),
                );
            }
            if name == "cinc" && q.values().iter().any(|v| *v > 1.0) {
                issues.push(
                    Issue::error(c.origin.key(name), "cinc is above 1")
                        .with_hint("CINC is a share of the system total, between 0 and 1"),
                );
            }
        }
        if !any {
            issues.push(
                Issue::error(
                    c.origin.key("year"),
                    format!("capability \"{}\" has no component", c.key()),
                )
                .with_hint("give at least one of milex, milper, irst, pec, tpop, upop, cinc"),
            );
        }
    }
    for f in &facts.forces {
        if f.count.values().iter().any(|v| *v < 0.0) {
            issues.push(Issue::error(
                f.origin.key("count"),
                "a force count is negative",
            ));
        }
        if f.expected.is_some()
            && !matches!(
                f.status,
                ForceStatus::Planned | ForceStatus::UnderConstruction
            )
        {
            issues.push(
                Issue::error(
                    f.origin.key("expected"),
                    format!(
                        "force item \"{}\" is {} but has an `expected` date",
                        f.id, f.status
                    ),
                )
                .with_hint("`expected` is for planned items or items under construction"),
            );
        }
    }
}

fn check_events_and_places(facts: &Facts, resolver: &Resolver, issues: &mut Vec<Issue>) {
    for e in &facts.events {
        if e.actor.is_empty() {
            issues.push(
                Issue::error(
                    e.origin.key("summary"),
                    format!("event \"{}\" has no actor", e.id),
                )
                .with_hint("say who acted: actor = [\"…\"]"),
            );
        }
        if let Some(g) = e.goldstein
            && !(-10.0..=10.0).contains(&g)
        {
            issues.push(Issue::error(
                e.origin.key("goldstein"),
                format!("Goldstein score {g} is outside −10 to +10"),
            ));
        }
    }
    for f in &facts.flashpoints {
        if resolver.actor(&f.id).is_some() {
            issues.push(
                Issue::warning(f.origin.key("id"), format!("flashpoint \"{}\" has the same name as an actor", f.id))
                    .with_hint("place names resolve to the flashpoint first; rename it to keep the actor's territory reachable"),
            );
        }
    }
    for d in &facts.disagreements {
        if d.claims.len() < 2 {
            issues.push(
                Issue::error(d.origin.key("topic"), format!("disagreement \"{}\" has {} claim(s)", d.id, d.claims.len()))
                    .with_hint("a disagreement keeps two or more claims side by side: add [[disagreement.claim]] entries"),
            );
        }
    }
}

fn check_overlays(scenario: &Scenario, base: &HashSet<(Origin, String)>) -> Vec<Issue> {
    let mut issues = Vec::new();
    let resolver = Resolver::new(&scenario.facts);
    let mut ids = HashSet::new();
    let mut canon = scenario.clone();
    canonicalize(&mut canon);
    for (i, ov) in scenario.overlays.iter().enumerate() {
        let o = &ov.origin;
        if !ids.insert(ov.id.as_str()) {
            issues.push(Issue::error(
                o.key("id"),
                format!("duplicate overlay \"{}\"", ov.id),
            ));
        }
        if ov.cite.is_empty() {
            require_cite(&mut issues, o, &format!("overlay \"{}\"", ov.id), &ov.cite);
        }
        // What the overlay removes must exist in the base world; its own citations must resolve.
        for (k, r) in ov.remove.iter().enumerate() {
            issues.extend(resolver.check(RefKind::Fact(r.kind), o.item("remove", k), &r.id));
        }
        for (k, c) in ov.cite.iter().enumerate() {
            issues.extend(resolver.check(
                RefKind::Source(c.lines, c.at.clone()),
                o.item("cite", k).key("source"),
                &c.source,
            ));
        }
        for r in ov.replace.refs() {
            if !resolver.has_fact(&r) {
                issues.push(
                    Issue::error(
                        o.key("replace"),
                        format!("overlay \"{}\" replaces {r}, which does not exist", ov.id),
                    )
                    .with_hint("`replace` takes facts whose ids exist; new facts go under `add`"),
                );
            }
        }
        for r in ov.add.refs() {
            if resolver.has_fact(&r) {
                issues.push(
                    Issue::error(
                        o.key("add"),
                        format!("overlay \"{}\" adds {r}, which already exists", ov.id),
                    )
                    .with_hint("to change an existing fact put it under `replace`"),
                );
            }
        }
        // The world the overlay makes must itself be valid. Problems inside the overlay are reported
        // as they are; problems it causes elsewhere (a removed treaty still cited) are attributed to it.
        let Some(applied) = canon.with_overlay(&canon.overlays[i].id) else {
            continue;
        };
        for issue in check_world(&applied.facts) {
            if issue.severity == Severity::Note {
                continue;
            }
            let inside = issue.origin.file == o.file && issue.origin.path.starts_with(&o.path);
            if inside {
                issues.push(issue);
            } else if !base.contains(&(issue.origin.clone(), issue.message.clone())) {
                issues.push(Issue {
                    message: format!("with overlay \"{}\": {}", ov.id, issue.message),
                    ..issue
                });
            }
        }
    }
    issues
}
