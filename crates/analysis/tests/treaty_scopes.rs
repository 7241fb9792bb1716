//! Where the bundled scenario's treaties apply, as their texts draw it (ANZUS and US–Philippines
//! Art. IV–V, North Atlantic Treaty Art. 5–6, US–Japan Art. V, US–ROK Art. III). Every expectation
//! here is read off the treaty article cited beside it, not off the program's output.

use entente_analysis::cascade::{self, Crisis, Rules};
use entente_model::date::days_from_civil;
use entente_model::{Resolver, Scenario};

fn bundled() -> Scenario {
    entente_scenario::load_bundled()
        .valid()
        .expect("bundled scenario is valid")
        .clone()
}

/// The states on the defending side of `attacker` attacking `target` at `at` on 28 Feb 2025.
fn defenders(s: &Scenario, attacker: &str, target: &str, at: &str) -> Vec<String> {
    let r = Resolver::new(&s.facts);
    let crisis = Crisis {
        attacker: attacker.into(),
        target: target.into(),
        place: r.place(at).unwrap(),
        day: days_from_civil(2025, 2, 28),
        joins: vec![],
        strikes: vec![],
    };
    cascade::cascade(s, &crisis, Rules::default())
        .unwrap()
        .defending_side
}

#[test]
fn anzus_and_us_philippines_art_v_cover_hawaii_guam_and_the_us_homeland() {
    let s = bundled();
    // Art. IV: an attack in the Pacific area; Art. V: island territories under US jurisdiction in
    // the Pacific.
    for at in ["hawaii", "guam"] {
        let d = defenders(&s, "PRK", "USA", at);
        assert!(d.contains(&"AUS".into()), "{at}: {d:?}");
        assert!(d.contains(&"PHL".into()), "{at}: {d:?}");
    }
    // Art. V: the metropolitan territory of a party, wherever it lies (the continental US).
    let d = defenders(&s, "PRK", "USA", "USA");
    assert!(
        d.contains(&"AUS".into()) && d.contains(&"PHL".into()),
        "{d:?}"
    );
    // North Atlantic Treaty Art. 6: Hawaii is not North America, so no Art. 5.
    let d = defenders(&s, "PRK", "USA", "hawaii");
    assert!(
        !d.contains(&"GBR".into()) && !d.contains(&"CAN".into()),
        "{d:?}"
    );
}

#[test]
fn nato_art_6_excludes_a_non_members_territory() {
    let s = bundled();
    // An attack on Poland at Ukraine's territory: not a member's territory in Europe (Art. 6(i)),
    // not forces in or over a member's territory (Art. 6(ii)).
    let d = defenders(&s, "RUS", "POL", "UKR");
    assert_eq!(d, vec!["POL".to_string()], "no ally bound: {d:?}");
    // On Poland's own territory, every ally is.
    let d = defenders(&s, "RUS", "POL", "POL");
    for ally in ["USA", "DEU", "GBR", "FIN", "SWE"] {
        assert!(d.contains(&ally.to_string()), "{ally}: {d:?}");
    }
}

#[test]
fn an_attack_on_hokkaido_binds_the_us_not_north_korea() {
    let s = bundled();
    // US–Japan Art. V: territory under the administration of Japan. Russia–DPRK Art. 4 binds the
    // DPRK only if Russia is invaded, and here Russia strikes first.
    let d = defenders(&s, "RUS", "JPN", "hokkaido");
    assert!(d.contains(&"USA".into()), "{d:?}");
    let r = Resolver::new(&s.facts);
    let crisis = Crisis {
        attacker: "RUS".into(),
        target: "JPN".into(),
        place: r.place("hokkaido").unwrap(),
        day: days_from_civil(2025, 2, 28),
        joins: vec![],
        strikes: vec![],
    };
    let c = cascade::cascade(&s, &crisis, Rules::default()).unwrap();
    assert!(
        !c.aggressor_side.contains(&"PRK".into()),
        "{:?}",
        c.aggressor_side
    );
    // The Kurils are administered by Russia: Art. V does not reach them.
    let d = defenders(&s, "RUS", "JPN", "kurils");
    assert!(!d.contains(&"USA".into()), "{d:?}");
}

#[test]
fn an_attack_on_us_forces_in_japan_binds_japan_not_south_korea() {
    let s = bundled();
    // US–Japan Art. V: an attack on either party in Japan-administered territory binds both.
    // US–ROK Art. III: only in territories under either party's administrative control — Japan is
    // neither party.
    let d = defenders(&s, "PRK", "USA", "us-forces-japan");
    assert!(d.contains(&"JPN".into()), "{d:?}");
    assert!(!d.contains(&"KOR".into()), "{d:?}");
    // US forces in Korea: South Korea administers the place, so Art. III binds it; Japan is not.
    let d = defenders(&s, "PRK", "USA", "us-forces-korea");
    assert!(
        d.contains(&"KOR".into()) && !d.contains(&"JPN".into()),
        "{d:?}"
    );
}
