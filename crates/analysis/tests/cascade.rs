//! The cascade on the bundled scenario: the cases the seed turns on, the Monte Carlo's accuracy and
//! determinism, and the equivalence of the two engines.

use entente_analysis::cascade::{
    self, Correlation, Crisis, HonourRates, McConfig, Rules, Side, Strike,
};
use entente_model::date::days_from_civil;
use entente_model::{Place, Resolver, Scenario};

fn bundled() -> Scenario {
    entente_scenario::load_bundled()
        .valid()
        .expect("bundled scenario is valid")
        .clone()
}

fn crisis(s: &Scenario, attacker: &str, target: &str, at: &str) -> Crisis {
    let r = Resolver::new(&s.facts);
    Crisis {
        attacker: r.actor(attacker).unwrap().to_string(),
        target: r.actor(target).unwrap().to_string(),
        place: r.place(at).unwrap(),
        day: days_from_civil(2025, 2, 28),
        joins: vec![],
        strikes: vec![],
    }
}

fn entrants(c: &cascade::Cascade) -> Vec<(String, Side)> {
    c.waves
        .iter()
        .flat_map(|w| w.entries.iter().map(|e| (e.actor.clone(), e.side)))
        .collect()
}

fn stays_out<'a>(c: &'a cascade::Cascade, actor: &str, tie: &str) -> &'a cascade::StaysOut {
    c.stays_out
        .iter()
        .find(|x| {
            x.actor == actor
                && x.tie_to == tie
                && x.kind == Some(entente_model::ProvisionKind::Defence)
        })
        .unwrap_or_else(|| {
            panic!(
                "no stays-out entry for {actor} tied to {tie}: {:#?}",
                c.stays_out
            )
        })
}

#[test]
fn north_korea_strikes_first_obliges_the_us_but_neither_russia_nor_china() {
    let s = bundled();
    let c = cascade::cascade(
        &s,
        &crisis(&s, "PRK", "KOR", "korean-peninsula"),
        Rules::default(),
    )
    .unwrap();
    assert_eq!(c.aggressor_side, ["PRK"]);
    assert_eq!(c.defending_side, ["KOR", "USA"]);
    let us = &c.waves[1].entries[0];
    assert_eq!(us.actor, "USA");
    let cascade::How::Obligation(r) = &us.how else {
        panic!("{us:?}")
    };
    assert_eq!(
        (r.agreement.as_str(), r.article.as_str(), r.owed_to.as_str()),
        ("us-rok-1953", "Art. III", "KOR")
    );
    assert!(
        r.because
            .contains("KOR was attacked by PRK at Korean Peninsula"),
        "{}",
        r.because
    );
    assert_eq!(r.cite[0].at.as_deref(), Some("Art. III"));
    // Russia and China stay out, and the output says why, citing the articles.
    let ru = stays_out(&c, "RUS", "PRK");
    assert_eq!(
        (ru.agreement.as_str(), ru.article.as_str()),
        ("rus-prk-2024", "Art. 4")
    );
    assert!(
        ru.reasons[0].contains("PRK struck first"),
        "{:?}",
        ru.reasons
    );
    assert_eq!(ru.cite[0].at.as_deref(), Some("Art. 4"));
    let cn = stays_out(&c, "CHN", "PRK");
    assert_eq!(
        (cn.agreement.as_str(), cn.article.as_str()),
        ("chn-prk-1961", "Art. II")
    );
    assert!(cn.reasons[0].contains("PRK struck first"));
    // The US's other allies are not bound by its defensive entry.
    let jp = stays_out(&c, "JPN", "USA");
    assert!(
        jp.reasons[0].contains("USA was not attacked"),
        "{:?}",
        jp.reasons
    );
    // Japan must consult (Camp David), not fight.
    assert!(
        c.consultations
            .iter()
            .any(|x| x.obligor == "JPN" && x.with == "KOR")
    );
}

#[test]
fn a_us_attack_on_north_korea_obliges_russia_and_china() {
    let s = bundled();
    let c = cascade::cascade(
        &s,
        &crisis(&s, "USA", "PRK", "korean-peninsula"),
        Rules::default(),
    )
    .unwrap();
    let e = entrants(&c);
    assert!(e.contains(&("RUS".into(), Side::Defender)), "{e:?}");
    assert!(e.contains(&("CHN".into(), Side::Defender)), "{e:?}");
    for (who, agreement, article) in [
        ("RUS", "rus-prk-2024", "Art. 4"),
        ("CHN", "chn-prk-1961", "Art. II"),
    ] {
        let entry = c
            .waves
            .iter()
            .flat_map(|w| &w.entries)
            .find(|x| x.actor == who)
            .unwrap();
        let cascade::How::Obligation(r) = &entry.how else {
            panic!()
        };
        assert_eq!(
            (r.agreement.as_str(), r.article.as_str()),
            (agreement, article)
        );
    }
    // The US attacked: its allies are not bound either (it struck first).
    assert!(stays_out(&c, "JPN", "USA").reasons[0].contains("USA struck first"));
}

#[test]
fn a_chinese_attack_at_the_senkakus_obliges_the_us_not_nato() {
    let s = bundled();
    let c = cascade::cascade(&s, &crisis(&s, "CHN", "JPN", "senkaku"), Rules::default()).unwrap();
    let entry = c
        .waves
        .iter()
        .flat_map(|w| &w.entries)
        .find(|x| x.actor == "USA")
        .expect("the US enters");
    let cascade::How::Obligation(r) = &entry.how else {
        panic!()
    };
    assert_eq!(
        (r.agreement.as_str(), r.article.as_str()),
        ("us-japan-1960", "Art. V")
    );
    assert!(
        !c.defending_side
            .iter()
            .any(|x| x == "GBR" || x == "FRA" || x == "DEU"),
        "{:?}",
        c.defending_side
    );
    // NATO members stay out, and the output says why: the place lies outside the Art. 6 area.
    let uk = stays_out(&c, "GBR", "USA");
    assert_eq!(uk.article, "Art. 5");
    assert!(
        uk.reasons
            .iter()
            .any(|r| r.contains("outside the treaty's area")),
        "{:?}",
        uk.reasons
    );
    // And Japan, a NATO partner, is not covered by Art. 5 at all.
    assert!(c.stays_out.iter().any(|x| x.actor == "NATO"
        && x.tie_to == "JPN"
        && x.reasons[0].contains("partner of NATO, not a member")));
    // Under counter-attack triggers, the US is "attacked" too — but at the Senkakus, still outside the area.
    let cc = cascade::cascade(
        &s,
        &crisis(&s, "CHN", "JPN", "senkaku"),
        Rules {
            counter_attack_triggers: true,
            by_signature: false,
        },
    )
    .unwrap();
    assert!(!cc.defending_side.iter().any(|x| x == "GBR"));
    assert!(
        stays_out(&cc, "GBR", "USA")
            .reasons
            .iter()
            .any(|r| r.contains("outside the treaty's area"))
    );
}

#[test]
fn without_the_2024_treaty_russia_is_not_obliged() {
    let s = bundled();
    let without = s.with_overlay("without-2024-treaty").unwrap();
    let c = crisis(&s, "USA", "PRK", "korean-peninsula");
    let with = cascade::cascade(&s, &c, Rules::default()).unwrap();
    let wo = cascade::cascade(&without, &c, Rules::default()).unwrap();
    assert!(with.defending_side.contains(&"RUS".to_string()));
    assert!(!wo.defending_side.contains(&"RUS".to_string()));
    assert!(
        wo.defending_side.contains(&"CHN".to_string()),
        "China's 1961 treaty still binds"
    );
}

#[test]
fn before_entry_into_force_the_2024_treaty_does_not_bind_unless_by_signature() {
    let s = bundled();
    let mut c = crisis(&s, "USA", "PRK", "korean-peninsula");
    c.day = days_from_civil(2024, 9, 1);
    let by_entry = cascade::cascade(&s, &c, Rules::default()).unwrap();
    assert!(!by_entry.defending_side.contains(&"RUS".to_string()));
    assert!(
        stays_out(&by_entry, "RUS", "PRK").reasons[0]
            .contains("not in force on 2024-09-01 (in force from 2024-12-04)")
    );
    let by_sig = cascade::cascade(
        &s,
        &c,
        Rules {
            by_signature: true,
            ..Rules::default()
        },
    )
    .unwrap();
    assert!(by_sig.defending_side.contains(&"RUS".to_string()));
}

#[test]
fn counter_attack_triggers_pull_in_the_aggressors_allies() {
    let s = bundled();
    let c = cascade::cascade(
        &s,
        &crisis(&s, "PRK", "KOR", "korean-peninsula"),
        Rules {
            counter_attack_triggers: true,
            by_signature: false,
        },
    )
    .unwrap();
    assert!(
        c.aggressor_side.contains(&"RUS".to_string()),
        "{:?}",
        c.aggressor_side
    );
    assert!(c.aggressor_side.contains(&"CHN".to_string()));
}

#[test]
fn a_strike_makes_a_new_victim_whose_partners_are_bound() {
    let s = bundled();
    let mut c = crisis(&s, "PRK", "KOR", "korean-peninsula");
    c.strikes.push(Strike {
        attacker: "PRK".into(),
        victim: "JPN".into(),
        place: None,
        counter: false,
    });
    let r = cascade::cascade(&s, &c, Rules::default()).unwrap();
    assert!(r.defending_side.contains(&"JPN".to_string()));
    assert!(r.assumptions[0].contains("PRK strikes JPN"));
    // The US is bound twice: to Korea and to Japan (attacked in its own territory).
    let us = r.waves[1]
        .entries
        .iter()
        .find(|e| e.actor == "USA")
        .unwrap();
    assert_eq!(us.also.len(), 1, "{us:#?}");
}

fn mc(s: &Scenario, c: &Crisis, trials: u64, threads: Option<usize>) -> cascade::McResult {
    let config = McConfig {
        trials,
        seed: 42,
        threads,
        ..McConfig::default()
    };
    cascade::monte_carlo(s, c, Rules::default(), &config).unwrap()
}

#[test]
fn one_obligation_is_estimated_within_three_standard_errors() {
    // Against the published base rate: the scenario's case assessments set aside.
    let mut s = bundled();
    for a in &mut s.facts.agreements {
        for p in &mut a.provisions {
            p.honour.clear();
        }
    }
    let c = crisis(&s, "PRK", "KOR", "korean-peninsula");
    let r = mc(&s, &c, 1_000_000, None);
    let us = r.actors.iter().find(|a| a.actor == "USA").unwrap();
    let p = 0.41; // Berkemeier & Fuhrmann 2018, defence
    let se = (p * (1.0 - p) / 1_000_000f64).sqrt();
    assert!(
        (us.p_defender - p).abs() < 3.0 * se,
        "{} vs {p} (se {se})",
        us.p_defender
    );
    assert_eq!(us.p_aggressor, 0.0);
    assert!(
        !r.actors
            .iter()
            .any(|a| a.actor == "RUS" || a.actor == "CHN")
    );
}

#[test]
fn a_cancelled_monte_carlo_stops_within_a_chunk_and_an_uncancelled_one_is_unchanged() {
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
    let s = bundled();
    let c = crisis(&s, "USA", "PRK", "korean-peninsula");
    let config = McConfig {
        trials: 10_000_000,
        seed: 42,
        threads: Some(1),
        ..McConfig::default()
    };
    // Cancelled after the first chunk reports: no further chunk starts.
    let cancel = AtomicBool::new(false);
    let done = AtomicU64::new(0);
    let r = cascade::monte_carlo_cancellable(
        &s,
        &c,
        Rules::default(),
        &config,
        &|n| {
            done.store(n, Ordering::Relaxed);
            cancel.store(true, Ordering::Relaxed);
        },
        &cancel,
    )
    .unwrap();
    assert!(r.is_none());
    assert_eq!(
        done.load(Ordering::Relaxed),
        1 << 14,
        "one chunk ran, not 10 million trials"
    );
    // Never cancelled: the same answer as the plain call.
    let small = McConfig {
        trials: 100_000,
        ..config
    };
    let never = AtomicBool::new(false);
    let a = cascade::monte_carlo_cancellable(&s, &c, Rules::default(), &small, &|_| {}, &never)
        .unwrap()
        .unwrap();
    let b = cascade::monte_carlo(&s, &c, Rules::default(), &small).unwrap();
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
}

#[test]
fn same_seed_same_answer_on_one_and_two_threads() {
    let s = bundled();
    let c = crisis(&s, "USA", "PRK", "korean-peninsula");
    let one = serde_json::to_string(&mc(&s, &c, 100_000, Some(1))).unwrap();
    let two = serde_json::to_string(&mc(&s, &c, 100_000, Some(2))).unwrap();
    assert_eq!(one, two);
    let other = serde_json::to_string(&mc(&s, &c, 100_000, Some(2))).unwrap();
    assert_eq!(two, other);
}

#[test]
fn monte_carlo_with_certain_honouring_equals_the_deterministic_cascade() {
    let s = bundled();
    for (a, t, at) in [
        ("PRK", "KOR", "korean-peninsula"),
        ("USA", "PRK", "korean-peninsula"),
        ("CHN", "JPN", "senkaku"),
        ("RUS", "EST", "EST"),
    ] {
        let c = crisis(&s, a, t, at);
        let det = cascade::cascade(&s, &c, Rules::default()).unwrap();
        let mut rates = HonourRates::default();
        for ag in &s.facts.agreements {
            rates.agreements.insert(ag.id.clone(), 1.0);
        }
        rates.unresolved = 0.0;
        let config = McConfig {
            trials: 2000,
            seed: 3,
            rates,
            correlation: Correlation::Independent,
            threads: Some(2),
        };
        let r = cascade::monte_carlo(&s, &c, Rules::default(), &config).unwrap();
        let mut agg: Vec<String> = r
            .actors
            .iter()
            .filter(|x| x.p_aggressor == 1.0)
            .map(|x| x.actor.clone())
            .collect();
        let mut def: Vec<String> = r
            .actors
            .iter()
            .filter(|x| x.p_defender == 1.0)
            .map(|x| x.actor.clone())
            .collect();
        let (mut da, mut dd) = (det.aggressor_side.clone(), det.defending_side.clone());
        agg.sort();
        def.sort();
        da.sort();
        dd.sort();
        assert_eq!((agg, def), (da, dd), "{a} → {t} at {at}");
        assert!(
            r.actors
                .iter()
                .all(|x| x.p_aggressor == 1.0 || x.p_defender == 1.0)
        );
    }
}

#[test]
fn nato_art5_binds_members_in_europe() {
    let s = bundled();
    let c = cascade::cascade(&s, &crisis(&s, "RUS", "EST", "EST"), Rules::default()).unwrap();
    assert_eq!(
        c.defending_side.len(),
        32,
        "Estonia and its 31 allies: {:?}",
        c.defending_side
    );
    assert!(c.defending_side.contains(&"SWE".to_string()));
    // Belarus has no obligation to Russia in this scenario: no tie, so not listed.
    assert!(!c.aggressor_side.contains(&"BLR".to_string()));
}

#[test]
fn bad_crises_are_errors_not_panics() {
    let s = bundled();
    let mut c = crisis(&s, "PRK", "KOR", "korean-peninsula");
    c.attacker = "NATO".into();
    assert!(
        cascade::cascade(&s, &c, Rules::default())
            .unwrap_err()
            .0
            .contains("organisation")
    );
    let mut c = crisis(&s, "PRK", "KOR", "korean-peninsula");
    c.joins.push(("JPN".into(), "TWN".into()));
    assert!(
        cascade::cascade(&s, &c, Rules::default())
            .unwrap_err()
            .0
            .contains("not in the war")
    );
    let mut c = crisis(&s, "PRK", "KOR", "korean-peninsula");
    c.target = "PRK".into();
    assert!(cascade::cascade(&s, &c, Rules::default()).is_err());
}

fn rules_world() -> Scenario {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    let loaded = entente_scenario::load_dir(&dir).unwrap();
    let errs: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == entente_model::Severity::Error)
        .map(|d| d.to_string())
        .collect();
    assert!(errs.is_empty(), "{}", errs.join("\n"));
    loaded.scenario.unwrap()
}

fn a_attacks_b(_: &Scenario) -> Crisis {
    Crisis {
        attacker: "A".into(),
        target: "B".into(),
        place: Place::Territory("B".into()),
        day: days_from_civil(1905, 1, 1),
        joins: vec![],
        strikes: vec![],
    }
}

#[test]
fn every_rule_in_one_war() {
    let s = rules_world();
    let c = cascade::cascade(&s, &a_attacks_b(&s), Rules::default()).unwrap();
    // Offence: D joins A's attack on B and becomes an attacker of B.
    assert!(c.aggressor_side.contains(&"D".to_string()), "{c:#?}");
    assert!(
        c.attacks.iter().any(|a| a.attacker == "D"
            && a.victim == "B"
            && a.kind == cascade::AttackKind::Offence)
    );
    // Defence: C defends B.
    assert!(c.defending_side.contains(&"C".to_string()));
    // Minimum adversaries: with A and D fighting B, E is bound (two powers) — in the wave after D joins.
    let wave_of = |x: &str| {
        c.waves
            .iter()
            .find(|w| w.entries.iter().any(|e| e.actor == x))
            .map(|w| w.wave)
    };
    assert_eq!(wave_of("D"), Some(1));
    assert_eq!(
        wave_of("E"),
        Some(2),
        "E is bound only once a second power fights B"
    );
    // Neutrality: F owes B defence (war with D) but D neutrality; caught, it stays out.
    assert!(!c.defending_side.contains(&"F".to_string()));
    let f = c
        .conflicts
        .iter()
        .find(|x| x.actor == "F")
        .expect("F is caught");
    assert!(
        f.neutrality
            .as_deref()
            .unwrap()
            .contains("neutrality towards D")
    );
    // Unresolved: G is listed apart, neither in nor declared out.
    assert!(!c.defending_side.contains(&"G".to_string()));
    let g = c
        .unresolved
        .iter()
        .find(|u| u.obligor == "G")
        .expect("G unresolved");
    assert!(g.conditions[0].contains("location not given"));
    assert!(
        !c.stays_out
            .iter()
            .any(|x| x.actor == "G" && x.kind == Some(entente_model::ProvisionKind::Defence))
    );
    // Non-aggression: A's attack breaks its pledge to B.
    assert!(
        c.non_aggression_breaches
            .iter()
            .any(|b| b.attacker == "A" && b.victim == "B")
    );
    // H and I defend B, the victim.
    assert!(
        c.defending_side.contains(&"H".to_string()) && c.defending_side.contains(&"I".to_string())
    );
}

#[test]
fn counter_attack_triggers_with_non_provocation() {
    let s = rules_world();
    let counter = Rules {
        counter_attack_triggers: true,
        by_signature: false,
    };
    let c = cascade::cascade(&s, &a_attacks_b(&s), counter).unwrap();
    // A is fought by B's side, so under counter-attack triggers it counts as attacked: H, owing both A
    // and B, is caught between them. I's non-provocation condition keeps it from A, so it defends B.
    assert!(
        c.conflicts.iter().any(|x| x.actor == "H"),
        "{:#?}",
        c.conflicts
    );
    assert!(c.defending_side.contains(&"I".to_string()));
    let i_to_a = c
        .stays_out
        .iter()
        .find(|x| x.actor == "I" && x.tie_to == "A");
    assert!(
        i_to_a.is_none(),
        "I is in the war, so it is not listed as staying out"
    );
}

#[test]
fn conflicting_defence_obligations_keep_a_state_out() {
    let s = rules_world();
    // Make A and B victims on opposite sides: C attacks A, and A strikes B.
    let mut c = a_attacks_b(&s);
    c.attacker = "C".into();
    c.target = "A".into();
    c.place = Place::Territory("A".into());
    c.strikes.push(cascade::Strike {
        attacker: "A".into(),
        victim: "B".into(),
        place: None,
        counter: false,
    });
    let r = cascade::cascade(&s, &c, Rules::default()).unwrap();
    // H owes defence to A (attacked by C) and to B (attacked by A, on the other side): caught.
    let h = r
        .conflicts
        .iter()
        .find(|x| x.actor == "H")
        .unwrap_or_else(|| panic!("{r:#?}"));
    let sides: Vec<Side> = h.pulls.iter().map(|p| p.0).collect();
    assert!(sides.contains(&Side::Aggressor) && sides.contains(&Side::Defender));
    assert!(
        !r.aggressor_side.contains(&"H".to_string())
            && !r.defending_side.contains(&"H".to_string())
    );
}

#[test]
fn monte_carlo_uses_the_scenario_overrides_and_the_unresolved_probability() {
    let s = rules_world();
    let rates = HonourRates {
        unresolved: 0.5,
        ..HonourRates::default()
    };
    let config = McConfig {
        trials: 400_000,
        seed: 11,
        rates,
        correlation: Correlation::Independent,
        threads: None,
    };
    let r = cascade::monte_carlo(&s, &a_attacks_b(&s), Rules::default(), &config).unwrap();
    let p = |x: &str| {
        r.actors
            .iter()
            .find(|a| a.actor == x)
            .map_or((0.0, 0.0), |a| (a.p_aggressor, a.p_defender))
    };
    let close = |got: f64, want: f64| {
        (got - want).abs() < 4.0 * (want * (1.0 - want) / 400_000f64).sqrt() + 1e-9
    };
    // C: actor override 0.9. D: agreement override 0.3. G: 0.5 (unresolved) × 0.41 (defence prior).
    assert!(close(p("C").1, 0.9), "{:?}", p("C"));
    assert!(close(p("D").0, 0.3), "{:?}", p("D"));
    assert!(close(p("G").1, 0.5 * 0.41), "{:?}", p("G"));
    // E needs D in the war (two powers), then honours at 0.41.
    assert!(close(p("E").1, 0.3 * 0.41), "{:?}", p("E"));
    let basis: Vec<&str> = r.obligations.iter().map(|o| o.p_basis.as_str()).collect();
    assert!(
        basis.iter().any(|b| b.contains("actor C honour 0.9"))
            && basis
                .iter()
                .any(|b| b.contains("agreement a-d-offence honour 0.3")),
        "{basis:?}"
    );
}

#[test]
fn correlation_keeps_marginals() {
    let s = bundled();
    let c = crisis(&s, "RUS", "EST", "EST");
    for corr in [Correlation::State(0.8), Correlation::Coalition(0.8)] {
        let config = McConfig {
            trials: 200_000,
            seed: 5,
            correlation: corr,
            ..McConfig::default()
        };
        let r = cascade::monte_carlo(&s, &c, Rules::default(), &config).unwrap();
        let gbr = r.actors.iter().find(|a| a.actor == "GBR").unwrap();
        assert!(
            (gbr.p_defender - 0.41).abs() < 0.01,
            "{corr:?}: {}",
            gbr.p_defender
        );
        if matches!(corr, Correlation::Coalition(_)) {
            // Shared draws spread coalition sizes: large coalitions (25 or more of 32) are common with
            // ρ = 0.8 and essentially impossible under independence (mean 13.7, sd 2.7).
            let large = |r: &cascade::McResult| {
                r.defender_sizes
                    .iter()
                    .filter(|x| x.size >= 25)
                    .map(|x| x.share)
                    .sum::<f64>()
            };
            let independent = cascade::monte_carlo(
                &s,
                &c,
                Rules::default(),
                &McConfig {
                    trials: 200_000,
                    seed: 5,
                    ..McConfig::default()
                },
            )
            .unwrap();
            assert!(
                large(&r) > 0.2 && large(&independent) < 0.01,
                "{} vs {}",
                large(&r),
                large(&independent)
            );
        }
    }
}

#[test]
fn the_second_region_runs_too() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../scenarios/nato-eastern-flank-2025");
    let s = entente_scenario::load_dir(&dir)
        .unwrap()
        .valid()
        .unwrap()
        .clone();
    let c = Crisis {
        attacker: "RUS".into(),
        target: "LTU".into(),
        place: Place::Flashpoint("suwalki-gap".into()),
        day: days_from_civil(2025, 1, 15),
        joins: vec![],
        strikes: vec![],
    };
    let r = cascade::cascade(&s, &c, Rules::default()).unwrap();
    assert_eq!(r.defending_side.len(), 9, "{:?}", r.defending_side);
    // Belarus is tied to Russia by the CSTO, but Russia struck first.
    assert!(
        r.stays_out
            .iter()
            .any(|x| x.actor == "BLR" && x.reasons[0].contains("RUS struck first"))
    );
    // The Union State treaty, signed but not in force, counts only by signature.
    let sig = cascade::cascade(
        &s,
        &Crisis {
            attacker: "POL".into(),
            target: "BLR".into(),
            place: Place::Territory("BLR".into()),
            ..c.clone()
        },
        Rules {
            by_signature: true,
            ..Rules::default()
        },
    )
    .unwrap();
    assert!(sig.defending_side.contains(&"RUS".to_string()));
}

/// A side no trial changes has no spread: exactly 0, not the rounding error of E[x²] − E[x]².
/// Military expenditure (large sums, in thousands of US$) is where the rounding showed.
#[test]
fn a_certain_coalition_has_sd_zero() {
    let mut s = bundled();
    for c in &mut s.facts.capabilities {
        c.cinc = None;
    }
    let config = McConfig {
        trials: 20_000,
        ..McConfig::default()
    };
    let r = cascade::monte_carlo(
        &s,
        &crisis(&s, "RUS", "JPN", "hokkaido"),
        Rules::default(),
        &config,
    )
    .unwrap();
    let aggressor = &r.capability[0];
    assert_eq!(aggressor.measure, cascade::CapabilityMeasure::Milex);
    assert!(aggressor.expected > 1e8, "{}", aggressor.expected);
    assert_eq!(aggressor.sd, 0.0);
}
