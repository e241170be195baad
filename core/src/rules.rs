//! Rule ids and their citations.
//!
//! Every state, transition, deadline and finding of the core names the rule it
//! rests on as a [`RuleId`]. Each rule has:
//!
//! - its id in the case language and JSON (`s128(7)`, `s128B(6)(c)`, `y4.15(3)`),
//! - its citation as the Act writes it (`s 128(7)`),
//! - a one-line summary,
//! - the few words of the Act (or of Operational Manual Y4.15) it rests on — the
//!   same words are the variant's doc comment, so `grep -n 's128(7)'` or
//!   `grep -n '"s 128(7)"'` finds both the words and the code that cites them,
//! - the date it came into force, read from the amendment notes of the supplied
//!   reprint. Everything ends with the repeal of the Act at 2 am on 29 November
//!   2010 ([`REPEAL`]); Y4.15 "ceases to be effective from 29 November 2010".
//!
//! The Act itself came into force on 1 November 1987 (fixed by Order in Council
//! under s 1(2); the date is the one the removal rule map uses for s 112).

use crate::time::{Date, Instant, Zone};

/// The instant of the repeal: "repealed, at 2 am on 29 November 2010, by section
/// 404 of the Immigration Act 2009" (2010-11-29T02:00+13:00).
pub const REPEAL: Instant = Instant::from_unix_seconds(1_290_949_200);

/// Where a rule comes from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Source {
    /// Immigration Act 1987, reprint as at 29 November 2010.
    Act,
    /// Immigration New Zealand Operational Manual Y4.15 (policy, not law).
    ManualY415,
    /// The repeal of the Act by the Immigration Act 2009, as the reprint notes
    /// it; the 2009 Act's transitional provisions are not in the supplied text.
    Repeal,
    /// The 2023 out-of-hours enforcement policy (policy, not law; made under the
    /// Immigration Act 2009 and laid over the 1987 rules as a hypothetical
    /// overlay): the RNZ article of c. 2 May 2023 and the dated public sources
    /// of spec `rules/refugee_and_policy.md` §2.2.
    #[cfg(feature = "operation")]
    Ooh2023,
}

macro_rules! rules {
    ($(
        $(@cfg($cfg:meta))?
        $variant:ident = $id:literal, $cite:literal, $source:ident, ($y:literal, $m:literal, $d:literal),
            $summary:literal,
            $quote:literal;
    )*) => {
        /// A rule the core encodes. See the module documentation.
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "defmt", derive(defmt::Format))]
        #[allow(non_camel_case_types)]
        pub enum RuleId {
            $(
                #[doc = concat!("`", $id, "` (", $cite, "): \"", $quote, "\"")]
                $(#[cfg($cfg)])?
                $variant,
            )*
        }

        impl RuleId {
            /// Every rule, in the order of the Act.
            pub const ALL: &'static [RuleId] = &[$( $(#[cfg($cfg)])? RuleId::$variant ),*];

            /// The id as written in the case language and JSON, e.g. `s128(7)`.
            pub const fn id(self) -> &'static str {
                match self { $( $(#[cfg($cfg)])? RuleId::$variant => $id, )* }
            }

            /// The citation as the Act writes it, e.g. `s 128(7)`.
            pub const fn cite(self) -> &'static str {
                match self { $( $(#[cfg($cfg)])? RuleId::$variant => $cite, )* }
            }

            /// A one-line summary of the rule.
            pub const fn summary(self) -> &'static str {
                match self { $( $(#[cfg($cfg)])? RuleId::$variant => $summary, )* }
            }

            /// The few words of the source the rule rests on.
            pub const fn quote(self) -> &'static str {
                match self { $( $(#[cfg($cfg)])? RuleId::$variant => $quote, )* }
            }

            /// True for a rule that exists only in builds with its cargo
            /// feature (`@cfg(…)`: the Part 2 and operation rules); those come
            /// after every rule that all builds share, so codes agree between
            /// builds.
            pub const fn gated(self) -> bool {
                match self {
                    $( $(#[cfg($cfg)])? RuleId::$variant => {
                        <[&str]>::len(&[$(stringify!($cfg))?]) != 0
                    } )*
                }
            }

            /// Where the rule comes from.
            pub const fn source(self) -> Source {
                match self { $( $(#[cfg($cfg)])? RuleId::$variant => Source::$source, )* }
            }

            /// The local date (New Zealand) from which the rule was in force.
            pub fn in_force_from(self) -> Date {
                // One (year, month, day) per variant, in declaration order, the
                // order of `self as usize`. (A `match` here is lowered to three
                // 256-entry lookup tables, 1.5 KB of flash; this table is 576 B.)
                const FROM: &[(u16, u8, u8)] = &[$( $(#[cfg($cfg)])? ($y, $m, $d) ),*];
                match FROM.get(self as usize) {
                    Some(&(y, m, d)) => Date::from_ymd(i32::from(y), m, d).unwrap_or(Date::EPOCH),
                    None => Date::EPOCH,
                }
            }
        }
    };
}

impl RuleId {
    /// Parses a rule id as written in the case language (`s128(7)`).
    pub fn from_id(s: &str) -> Option<RuleId> {
        RuleId::ALL.iter().copied().find(|r| r.id() == s)
    }

    /// True if the rule was in force at `t`: on or after 00:00 New Zealand time
    /// on [`in_force_from`](Self::in_force_from), and before the repeal.
    pub fn in_force_at(self, t: Instant) -> bool {
        t >= Zone::Mainland.start_of_day(self.in_force_from()) && t < REPEAL
    }

    /// A stable small number for this rule (its position in `ALL`), for the C ABI.
    pub const fn code(self) -> u16 {
        self as u16
    }

    /// The rule with the given [`code`](Self::code).
    pub fn from_code(code: u16) -> Option<RuleId> {
        RuleId::ALL.get(usize::from(code)).copied()
    }
}

impl core::fmt::Display for RuleId {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.cite())
    }
}

rules! {
    // ---------------------------------------------------------------- Part 1: status
    S2_2 = "s2(2)", "s 2(2)", Act, (1987, 11, 1),
        "Application and appeal periods are reckoned exclusive of weekday public and Departmental holidays",
        "shall be reckoned exclusive of any day, not being a Saturday or a Sunday, that is a public holiday or a Departmental holiday";
    S2_3 = "s2(3)", "s 2(3)", Act, (1987, 11, 1),
        "A person (not under s 128) forced back by an emergency is deemed not to have left New Zealand",
        "a person shall be deemed not to leave New Zealand where that person, not being a person to whom section 128 of this Act applies, departs";
    S3 = "s3", "s 3", Act, (1987, 11, 1),
        "A New Zealand citizen has the right to be in New Zealand and is never detained or removed under the Act",
        "every New Zealand citizen has, by virtue of that citizenship, the right to be in New Zealand at any time";
    S4_1 = "s4(1)", "s 4(1)", Act, (1987, 11, 1),
        "A non-citizen may be in New Zealand only with a permit or an exemption",
        "may be in New Zealand only if that person is— (a) the holder of a permit granted under this Act; or (b) exempt";
    S4_2 = "s4(2)", "s 4(2)", Act, (1987, 11, 1),
        "Without a permit or exemption a person is deemed to be in New Zealand unlawfully",
        "is deemed for the purposes of this Act to be in New Zealand unlawfully";
    S4_3 = "s4(3)", "s 4(3)", Act, (1991, 11, 18),
        "An application for a permit does not make presence lawful",
        "The fact that an application for a permit has been made by or for any person does not— (a) render the person's presence in New Zealand lawful";
    S4A_4 = "s4A(4)", "s 4A(4)", Act, (2006, 1, 1),
        "A non-citizen born in New Zealand takes the most favourable status of the parents on the birth record",
        "the same immigration status as the most favourable immigration status of either of the person's parents";
    S7_1_A = "s7(1)(a)", "s 7(1)(a)", Act, (1987, 11, 1),
        "No permit or exemption for a person ever sentenced to imprisonment for 5 years or more",
        "has been convicted of any offence for which that person has been sentenced to imprisonment for a term of 5 years or more";
    S7_1_B = "s7(1)(b)", "s 7(1)(b)", Act, (1987, 11, 1),
        "No permit or exemption for a person sentenced to 12 months or more within the preceding 10 years",
        "at any time within the preceding 10 years … sentenced to imprisonment for a term of 12 months or more";
    S7_1_C = "s7(1)(c)", "s 7(1)(c)", Act, (1987, 11, 1),
        "No permit or exemption for a person against whom a removal order is in force",
        "against whom a removal order is in force";
    S7_1_D = "s7(1)(d)", "s 7(1)(d)", Act, (1987, 11, 1),
        "No permit or exemption for a person who has been deported",
        "who has been deported";
    S7_3 = "s7(3)", "s 7(3)", Act, (1987, 11, 1),
        "Exceptions to s 7(1): special directions, and exemptions under s 11(1)(a) or by special direction",
        "Notwithstanding subsection (1) of this section";
    S11_1 = "s11(1)", "s 11(1)", Act, (1987, 11, 1),
        "Crew, visiting forces and similar persons are temporarily exempt from holding a permit",
        "The following persons are exempt from the requirement to hold a permit";
    S12 = "s12", "s 12", Act, (1987, 11, 1),
        "Exemption by regulations (subject to s 7) or by the Minister's special direction",
        "Subject to section 7 of this Act, any regulations … may exempt any class of person from the requirement to hold a permit";
    S13_1 = "s13(1)", "s 13(1)", Act, (1987, 11, 1),
        "A person who ceases to be exempt while in New Zealand is deemed unlawful",
        "ceases while in New Zealand to be so exempt, that person shall thereupon be deemed … to be in New Zealand unlawfully";
    S13_3 = "s13(3)", "s 13(3)", Act, (1987, 11, 1),
        "A permit applied for in anticipation comes into force when the exemption ceases",
        "it shall come into force on the day on which the applicant for the permit ceases to be exempt";
    S14E_4 = "s14E(4)", "s 14E(4)", Act, (1991, 11, 18),
        "A transit visa holder needs no permit unless the transit exceeds 24 hours",
        "unless that period exceeds 24 hours";
    S14E_5 = "s14E(5)", "s 14E(5)", Act, (1991, 11, 18),
        "A transit visa holder's purported permit application may be refused, and then s 128 applies",
        "that application may be refused and section 128 of this Act shall apply to the person accordingly";
    S17_2 = "s17(2)", "s 17(2)", Act, (1987, 11, 1),
        "A person unlawfully in New Zealand may not apply for a residence permit",
        "No person who is unlawfully in New Zealand may apply for a residence permit";
    S19_2 = "s19(2)", "s 19(2)", Act, (1987, 11, 1),
        "A residence permit revoked for administrative error in the arrival hall: s 128 applies as if refused",
        "the provisions of section 128 of this Act shall apply as if that person's application for a permit had been refused";
    S20_2 = "s20(2)", "s 20(2)", Act, (1987, 11, 1),
        "A Minister's residence revocation is served personally and takes effect 21 days after service",
        "shall be served on the holder by personal service only, and the revocation shall … become effective on the date 21 days after the date of such service";
    S25_1_D = "s25(1)(d)", "s 25(1)(d)", Act, (1987, 11, 1),
        "A residence permit holder under revocation may apply for a temporary permit before it takes effect",
        "any person whose residence permit is revoked under section 20 of this Act and who has not appealed against that revocation, where the application for a temporary permit is made before the date on which the revocation is due to become effective";
    S25_3 = "s25(3)", "s 25(3)", Act, (1987, 11, 1),
        "A person unlawfully in New Zealand may not apply for a temporary permit",
        "No person who is unlawfully in New Zealand may apply for a temporary permit";
    S26_2 = "s26(2)", "s 26(2)", Act, (1987, 11, 1),
        "A temporary permit is endorsed with the date on which it will expire",
        "shall be endorsed with— (a) the date on which it comes … into force; and (b) either— (i) the date on which it will expire";
    S30_3 = "s30(3)", "s 30(3)", Act, (1999, 10, 1),
        "A further temporary permit comes into force at the expiry of the current one, even if granted later",
        "comes into force on the earlier of— (a) the date of the expiry of the current permit (whether before or after the date of the grant of the new permit)";
    S31_1 = "s31(1)", "s 31(1)", Act, (1987, 11, 1),
        "A declined s 29 or s 30 application may be reconsidered on application",
        "the applicant may, at any time while the applicant is the holder of a current temporary permit, apply … for a reconsideration";
    S31_2 = "s31(2)", "s 31(2)", Act, (1991, 11, 18),
        "While reconsideration is pending no removal order may be made or served",
        "until any such application for reconsideration has been determined,— (a) no removal order shall be made or (if already made) served";
    S31_5 = "s31(5)", "s 31(5)", Act, (1999, 10, 1),
        "A confirmed decline must be notified in writing with the obligation to leave and the appeal period",
        "an immigration officer must inform the applicant, in writing";
    S32_2 = "s32(2)", "s 32(2)", Act, (1987, 11, 1),
        "A temporary permit revoked for administrative error in the arrival hall: s 128 applies as if refused",
        "the provisions of section 128 (or, if appropriate, section 128B) of this Act shall apply as if that person's application for a permit had been refused";
    S33_3 = "s33(3)", "s 33(3)", Act, (1987, 11, 1),
        "A Minister's temporary-permit revocation takes effect on a date at least 14 days after service",
        "shall not be earlier than 14 days after the date on which the notice is served";
    S33_4 = "s33(4)", "s 33(4)", Act, (1987, 11, 1),
        "Revocation is immediate on service for a person within s 7(1)(a)–(d)",
        "any revocation … shall become effective immediately on service of the notice";
    S33A_5 = "s33A(5)", "s 33A(5)", Act, (1993, 4, 1),
        "A s 33A revocation takes effect on a date at least 7 days after personal service",
        "shall not be earlier than 7 days after the date on which the notice is served";
    S34 = "s34", "s 34", Act, (1987, 11, 1),
        "A temporary permit holder in New Zealand after expiry is deemed unlawful",
        "who is in New Zealand after the expiry of the permit shall be deemed … to be in New Zealand unlawfully";
    S34B_3 = "s34B(3)", "s 34B(3)", Act, (1999, 10, 1),
        "A person unlawfully in New Zealand may not apply for a limited purpose permit",
        "No person who is unlawfully in New Zealand, and no person who is lawfully in New Zealand otherwise than pursuant to a limited purpose permit, may apply for a limited purpose permit";
    S34C_3 = "s34C(3)", "s 34C(3)", Act, (1999, 10, 1),
        "A limited purpose permit's earlier expiry may be no sooner than 14 days after the notice",
        "which date may in no case be sooner than 14 days after that notice is given to the holder";
    S34D_2 = "s34D(2)", "s 34D(2)", Act, (1999, 10, 1),
        "A limited purpose permit holder may not apply for a permit of a different type in New Zealand",
        "may not, whether before or after the expiry of the permit,— (a) apply for a permit of a different type while in New Zealand";
    S34F = "s34F", "s 34F", Act, (1999, 10, 1),
        "After a limited purpose permit expires: no s 47 appeal, immediately liable to removal",
        "may not appeal to the Removal Review Authority under section 47; and (b) is immediately liable to removal";
    S35AC = "s35AC", "s 35AC", Act, (2006, 12, 19),
        "Permits and exemptions expiring during an epidemic are extended to 3 months after the notice expires",
        "until the earlier of … (b) the expiration of 3 months after the day on which the epidemic management notice expires";
    S35E = "s35E", "s 35E", Act, (1993, 11, 15),
        "A pre-cleared permit is granted by entry in the Department's records before travel",
        "A pre-cleared permit";
    S35F = "s35F", "s 35F", Act, (1993, 11, 15),
        "A pre-cleared permit revoked for administrative error in the arrival hall: s 128 applies as if refused",
        "the immigration officer may revoke the permit at any time before the person leaves the arrival hall";
    S35G = "s35G", "s 35G", Act, (1993, 11, 15),
        "A pre-cleared permit expires if the holder misses, or turns back on, the pre-clearance flight",
        "the pre-cleared permit shall be deemed to expire with effect from— (c) the time at which the pre-clearance flight commenced";
    S35I = "s35I", "s 35I", Act, (1993, 11, 15),
        "A pre-cleared permit holder arriving on the pre-clearance flight skips the arrival procedure",
        "is exempt from the requirement to undergo the immigration procedures specified in section 126(1)(a)";
    S41 = "s41", "s 41", Act, (1987, 11, 1),
        "A permit or exemption is deemed to expire when the holder leaves New Zealand",
        "When the holder of a permit leaves New Zealand, the permit shall be deemed to have expired";
    S45 = "s45", "s 45", Act, (1987, 11, 1),
        "A person unlawfully in New Zealand is obliged to leave",
        "Obligation of persons unlawfully in New Zealand to leave New Zealand";
    S54 = "s54", "s 54", Act, (1987, 11, 1),
        "A removal order is made against a person liable to removal (Part 2)",
        "removal order means a removal order made under section 54";
    S126_1 = "s126(1)", "s 126(1)", Act, (1987, 11, 1),
        "A person arriving must present to an immigration officer at the Customs place",
        "to present himself or herself to an immigration officer at the the Customs place";
    S127_1 = "s127(1)", "s 127(1)", Act, (1987, 11, 1),
        "A temporary permit holder forced back must on application get a permit current for at least 14 days",
        "shall, on application by that person, grant a temporary permit to that person current until a date not earlier than the 14th day following that return";
    S127_2 = "s127(2)", "s 127(2)", Act, (1987, 11, 1),
        "An exempt person forced back is deemed exempt for 14 days after the day of return",
        "shall be deemed to be exempt … for a period of 14 days following the day of that return";

    // ---------------------------------------------------------------- s 128: border detention
    S128_1 = "s128(1)", "s 128(1)", Act, (1987, 11, 1),
        "s 128 applies to a non-exempt arrival who fails to apply, is refused, is a stowaway, or whose pre-cleared permit is revoked",
        "This section applies to every person (other than a person to whom section 128B or section 129 of this Act applies) who— (a) arrives in New Zealand";
    S128_1_C_I = "s128(1)(c)(i)", "s 128(1)(c)(i)", Act, (1987, 11, 1),
        "s 128 applies to an arrival who fails to apply for a permit in the prescribed manner",
        "fails to apply in the prescribed manner for a permit";
    S128_1_C_II = "s128(1)(c)(ii)", "s 128(1)(c)(ii)", Act, (1987, 11, 1),
        "s 128 applies to an arrival who is refused a permit",
        "is refused a permit";
    S128_1_C_III = "s128(1)(c)(iii)", "s 128(1)(c)(iii)", Act, (1993, 9, 15),
        "s 128 applies to a stowaway",
        "is a stowaway";
    S128_1_C_IV = "s128(1)(c)(iv)", "s 128(1)(c)(iv)", Act, (1993, 9, 15),
        "s 128 applies to a person whose pre-cleared permit is revoked under s 35F",
        "is a person whose pre-cleared permit has been revoked by an immigration officer pursuant to section 35F";
    S128_2 = "s128(2)", "s 128(2)", Act, (1987, 11, 1),
        "A stowaway is deemed to arrive when the craft crosses into the territorial limits",
        "a stowaway shall be deemed to arrive in New Zealand at the time when the craft … crosses into the territorial limits";
    S128_3 = "s128(3)", "s 128(3)", Act, (1987, 11, 1),
        "s 128 ceases 72 hours after the first report to an immigration officer unless the person is sooner detained",
        "shall cease to apply … on the expiration of 72 hours after the time when that person first reports or presents to an immigration officer … unless that person is sooner detained";
    S128_4 = "s128(4)", "s 128(4)", Act, (1987, 11, 1),
        "A person under s 128 is deemed unlawful but not liable to be dealt with under Part 2",
        "shall be deemed … to be in New Zealand unlawfully, but, for so long as this section applies to that person, that person shall not be liable to be dealt with under any of the provisions of Part 2";
    S128_5 = "s128(5)", "s 128(5)", Act, (1987, 11, 1),
        "On an immigration officer's request the Police must detain the person pending departure on the first available craft",
        "on the request of an immigration officer to a member of the police, any person to whom this section applies must be detained";
    S128_6_A = "s128(6)(a)", "s 128(6)(a)", Act, (1987, 11, 1),
        "Overnight, a person under 17 not married or in a civil union is held in a CYF residence or premises agreed by a parent and an officer",
        "in the case of a person under 17 years of age who is not married or in a civil union";
    S128_6_B = "s128(6)(b)", "s 128(6)(b)", Act, (1987, 11, 1),
        "Overnight before a warrant, anyone else is held in Department-approved premises or a Police station",
        "in any other case, in— (i) any premises approved by the chief executive of the Department of Labour; or (ii) a Police station";
    S128_7 = "s128(7)", "s 128(7)", Act, (1987, 11, 1),
        "Detention beyond 48 hours needs a warrant of commitment from the Registrar, for at most 28 days",
        "is to be detained for more than 48 hours after the time of that person's detention … shall apply … for a warrant of commitment … for a period not exceeding 28 days";
    S128_8 = "s128(8)", "s 128(8)", Act, (1987, 11, 1),
        "A warrant application is made on oath with a statement of reasons",
        "shall be made on oath, and shall include a statement of the reasons why the person is a person to whom this section applies";
    S128_9_C = "s128(9)(c)", "s 128(9)(c)", Act, (1987, 11, 1),
        "The warrant authorises detention until the expiry of the period as extended and paused (list incomplete in the text)",
        "the expiry of the period for which detention is then authorised by the warrant … and, where appropriate, to—";
    S128_11 = "s128(11)", "s 128(11)", Act, (1987, 11, 1),
        "When a craft is available, the manager delivers the person to the Police on a written requirement",
        "shall, on being required in writing by a member of the Police to do so, deliver the person into the custody of the member of the Police";
    S128_12 = "s128(12)", "s 128(12)", Act, (1987, 11, 1),
        "If the craft is delayed more than 24 hours the person returns to custody under the same warrant",
        "the person shall be returned to the custody from which the person was taken, and … the warrant of commitment shall be deemed still to be of full force and effect";
    S128_13_A = "s128(13)(a)", "s 128(13)(a)", Act, (1999, 6, 16),
        "An immigration officer may apply to a Judge to extend the warrant",
        "apply to a District Court Judge for an extension, or further extension, of the warrant";
    S128_13_B = "s128(13)(b)", "s 128(13)(b)", Act, (1999, 6, 16),
        "An immigration officer may notify the manager in writing that the person should be released",
        "notify in writing the manager of the prison … that the person should be released";
    S128_13A = "s128(13A)", "s 128(13A)", Act, (1999, 6, 16),
        "An extension application is made on oath with a statement of reasons",
        "must— (a) be made on oath; and (b) include a statement of the reasons";
    S128_13B = "s128(13B)", "s 128(13B)", Act, (1999, 6, 16),
        "A Judge may extend the warrant by at most 7 days",
        "extend or further extend the warrant— (a) for a further period not exceeding 7 days";
    S128_13B_B = "s128(13B)(b)", "s 128(13B)(b)", Act, (1999, 6, 16),
        "For a group who arrived on the same craft, most of them s 128 persons, the Judge may extend as long as necessary",
        "for such longer period as the Judge thinks necessary … a group of people— (i) who arrived in New Zealand on the same ship or aircraft; and (ii) all or most of whom are persons to whom this section applies";
    S128_14_A = "s128(14)(a)", "s 128(14)(a)", Act, (1999, 6, 16),
        "The manager must release the person on receiving an officer's written notification",
        "must release the person from custody— (a) on receiving written notification from an immigration officer";
    S128_14_B = "s128(14)(b)", "s 128(14)(b)", Act, (1999, 6, 16),
        "The manager must release the person when the period authorised by the warrant expires",
        "(b) if not earlier released, on the expiry of the period for which detention is authorised under the warrant";
    S128_14A = "s128(14A)", "s 128(14A)", Act, (1999, 6, 16),
        "On release under s 128(14), Part 2 applies and s 128 ceases to apply",
        "(a) Part 2 applies in respect of the person; and (b) this section ceases to apply in respect of the person";
    S128_15 = "s128(15)", "s 128(15)", Act, (1991, 11, 18),
        "A person detained under s 128 must not be granted bail",
        "must not be granted bail, but may be released under section 128AA or section 128A";
    S128_16 = "s128(16)", "s 128(16)", Act, (2002, 6, 18),
        "The warrant period excludes the time from an escape to 72 hours after recapture",
        "must be reckoned exclusive of any period commencing on the date on which the person … escapes from lawful custody and ending 72 hours after the date on which the person is again taken into custody";

    // ---------------------------------------------------------------- s 128AA–128AD: conditional release
    S128AA_1 = "s128AA(1)", "s 128AA(1)", Act, (2002, 6, 18),
        "Conditional release on an officer's application is for a person who is not a refugee status claimant",
        "This subsection applies to a person who is not a refugee status claimant";
    S128AA_1_A = "s128AA(1)(a)", "s 128AA(1)(a)", Act, (2002, 6, 18),
        "Paragraph (a) of s 128AA(1) is missing from the supplied text (taken to cover pre-warrant detainees by configuration)",
        "[paragraph (a) missing from the supplied text]";
    S128AA_2 = "s128AA(2)", "s 128AA(2)", Act, (2002, 6, 18),
        "Conditional release on the person's own application is for a subject of a warrant extension application",
        "a person who is the subject of an application under section 128(13)(a) for the extension";
    S128AA_2_A = "s128AA(2)(a)", "s 128AA(2)(a)", Act, (2002, 6, 18),
        "Paragraph (a) of s 128AA(2) is missing from the supplied text (taken to cover claimants by configuration)",
        "[paragraph (a) missing from the supplied text]";
    S128AA_3 = "s128AA(3)", "s 128AA(3)", Act, (2002, 6, 18),
        "An immigration officer may apply for the conditional release of a s 128AA(1) person",
        "An immigration officer may apply to a District Court Judge for an order that a person to whom subsection (1) applies be conditionally released";
    S128AA_4 = "s128AA(4)", "s 128AA(4)", Act, (2002, 6, 18),
        "An officer or the person may apply for the conditional release of a s 128AA(2) person",
        "An immigration officer or the person concerned may apply";
    S128AA_5 = "s128AA(5)", "s 128AA(5)", Act, (2002, 6, 18),
        "A conditional-release application is made on oath and states why s 128 applies",
        "must be made on oath, and state why section 128 applies to the person";
    S128AA_6 = "s128AA(6)", "s 128AA(6)", Act, (2002, 6, 18),
        "The Judge may order conditional release",
        "the Judge may make an order for the person's conditional release";
    S128AA_7 = "s128AA(7)", "s 128AA(7)", Act, (2002, 6, 18),
        "The order states its expiry (a day or an event) and where the person must give themselves up",
        "The order must state— (a) either a day on which it expires or an event … and (b) a location";
    S128AA_8_A = "s128AA(8)(a)", "s 128AA(8)(a)", Act, (2002, 6, 18),
        "Refusing release of a person without a warrant, the Judge must issue a warrant of up to 28 days",
        "the Judge must issue a warrant of commitment authorising the person's detention for a period not exceeding 28 days";
    S128AA_8_B = "s128AA(8)(b)", "s 128AA(8)(b)", Act, (2002, 6, 18),
        "Refusing release of an extension subject, the Judge may extend the warrant (7 days, or longer for a group)",
        "the Judge may extend or further extend the warrant of commitment concerned";
    S128AA_10 = "s128AA(10)", "s 128AA(10)", Act, (2002, 6, 18),
        "When the order expires the person must deliver themselves up at the stated location",
        "an order … expires, and the person must deliver himself or herself up to an immigration officer at the location stated in it";
    S128AA_11_A = "s128AA(11)(a)", "s 128AA(11)(a)", Act, (2002, 6, 18),
        "A pre-warrant releasee who delivers up is again under s 128(5): a warrant is needed within 48 hours",
        "must be treated as a person to whom section 128(5) continues to apply; and (ii) if the person is to be detained for more than 48 hours after delivering himself or herself up";
    S128AA_11_B = "s128AA(11)(b)", "s 128AA(11)(b)", Act, (2002, 6, 18),
        "Any other releasee who delivers up is taken back into custody under the warrant",
        "the person must again be taken into custody, and may be detained in custody under section 128";
    S128AA_12 = "s128AA(12)", "s 128AA(12)", Act, (2002, 6, 18),
        "The warrant period excludes the time from conditional release to 72 hours after re-custody",
        "must be reckoned exclusive of any period commencing on the date on which the person … is released pursuant to an order under subsection (6), and ending on the earlier of";
    S128AA_12_B = "s128AA(12)(b)", "s 128AA(12)(b)", Act, (2002, 6, 18),
        "The second limb of the s 128AA(12) pause is missing from the supplied text",
        "[paragraph (b) missing from the supplied text]";
    S128AA_13 = "s128AA(13)", "s 128AA(13)", Act, (2002, 6, 18),
        "A permit granted during conditional release cancels the order; Part 2 applies; s 128 ceases",
        "(a) the order is cancelled; and (b) Part 2 applies to the person; and (c) section 128 and this section cease to apply";
    S128AB_1_A = "s128AB(1)(a)", "s 128AB(1)(a)", Act, (2002, 6, 18),
        "A conditional release order must require the person to reside at an address and to report",
        "must reside at a specified address; and (ii) must report";
    S128AB_1_B = "s128AB(1)(b)", "s 128AB(1)(b)", Act, (2002, 6, 18),
        "For a refugee status claimant the order must require attendance at interviews",
        "must be made subject to a condition relating to attendance at any interview";
    S128AB_2 = "s128AB(2)", "s 128AB(2)", Act, (2002, 6, 18),
        "The conditions are notified in writing before release and take effect on release",
        "must be notified in writing to the person before his or her release";
    S128AB_4 = "s128AB(4)", "s 128AB(4)", Act, (2002, 6, 18),
        "A varied condition takes effect at once and is put in writing as soon as practicable",
        "must be reduced to writing, and notified to the released person, as soon as practicable";
    S128AC_1 = "s128AC(1)", "s 128AC(1)", Act, (2002, 6, 18),
        "A releasee who breaches a condition or fails to deliver up is in default",
        "after the person breaches a condition … (b) … fails to deliver himself or herself up";
    S128AC_2 = "s128AC(2)", "s 128AC(2)", Act, (2002, 6, 18),
        "A releasee in default may be arrested by the Police without warrant",
        "is liable to be arrested by any member of the police, without warrant";
    S128AC_3 = "s128AC(3)", "s 128AC(3)", Act, (2002, 6, 18),
        "After arrest the person must as soon as possible be brought before a Judge, who decides on custody or release",
        "must as soon as possible be brought again before a District Court Judge";
    S128AC_4 = "s128AC(4)", "s 128AC(4)", Act, (2002, 6, 18),
        "After breach of a reside or report condition the Judge must order custody unless there was a reasonable excuse",
        "the Judge must … issue a warrant of commitment or make an order that the person must again be taken into custody, unless the Judge is satisfied that the person had a reasonable excuse";
    S128AC_7 = "s128AC(7)", "s 128AC(7)", Act, (2002, 6, 18),
        "A releasee is still treated as detained under s 128, and Part 2 does not apply",
        "must continue to be treated as a person to whom section 128 applies who is being detained under that section; and (b) nothing in Part 2 applies";
    S128AD_2 = "s128AD(2)", "s 128AD(2)", Act, (2002, 6, 18),
        "A cancellation application is made on oath and states why release should end",
        "must be made on oath, and state why the person … should no longer be released on conditions";
    S128AD_3 = "s128AD(3)", "s 128AD(3)", Act, (2002, 6, 18),
        "A Judge may cancel the conditional release order",
        "The District Court Judge may make or refuse to make an order, as he or she thinks fit";
    S128AD_4_A = "s128AD(4)(a)", "s 128AD(4)(a)", Act, (2002, 6, 18),
        "After cancellation the person may be arrested without warrant",
        "the person is liable to be arrested by any member of the police, without warrant";
    S128AD_4_B = "s128AD(4)(b)", "s 128AD(4)(b)", Act, (2002, 6, 18),
        "On arrest after cancellation, a pre-warrant person is again under s 128(5); others return to warrant custody",
        "must be treated as a person to whom section 128(5) continues to apply";

    // ---------------------------------------------------------------- s 128A: review proceedings
    S128A_2_A = "s128A(2)(a)", "s 128A(2)(a)", Act, (1999, 6, 16),
        "The warrant period excludes the time review proceedings are in existence, both dates included",
        "any period during which the review proceedings are in existence (which period includes both the date of commencement and the date of completion of the proceedings)";
    S128A_2_B = "s128A(2)(b)", "s 128A(2)(b)", Act, (1991, 11, 18),
        "With review proceedings, the person is brought before a Judge by the nominal expiry, then at most every 7 days",
        "shall be brought before a District Court Judge … and (ii) thereafter, while the person remains in custody, … at intervals of not more than 7 days";
    S128A_3 = "s128A(3)", "s 128A(3)", Act, (1991, 11, 18),
        "At each appearance the Judge extends the warrant by 7 days",
        "the Judge shall … extend the warrant of commitment for— (a) a period of 7 days";
    S128A_3_B = "s128A(3)(b)", "s 128A(3)(b)", Act, (1999, 6, 16),
        "Total detention may not exceed 28 days plus s 128(13B) extensions plus the review's duration",
        "not detained under the warrant for a period which exceeds in total the sum of— (i) 28 days; and (ii) any further number of days … and (iii) the period of duration of the review proceedings";
    S128A_4 = "s128A(4)", "s 128A(4)", Act, (1991, 11, 18),
        "The Judge may release pending an unfinished review unlikely to finish within 7 days",
        "(a) the review proceedings have not been completed … (b) … are not likely to be completed within the next 7 days; and (c) … not likely to abscond";
    S128A_5_A = "s128A(5)(a)", "s 128A(5)(a)", Act, (1991, 11, 18),
        "On completion (unfavourable), the person delivers up and is taken back into custody",
        "the person shall again be taken into custody";
    S128A_5_B = "s128A(5)(b)", "s 128A(5)(b)", Act, (1991, 11, 18),
        "On completion (favourable), the person is released",
        "(b) the person shall be released";
    S128A_6 = "s128A(6)", "s 128A(6)", Act, (1991, 11, 18),
        "A s 128A(4) release requires residence at an address and daily reporting",
        "(a) the person shall reside at such address … (b) the person shall report daily";
    S128A_8 = "s128A(8)", "s 128A(8)", Act, (1991, 11, 18),
        "s 128A(4) conditions are notified in writing on release",
        "shall be notified in writing to the person upon the person's release";
    S128A_10 = "s128A(10)", "s 128A(10)", Act, (1991, 11, 18),
        "A breach nullifies the s 128A release; after a reside or report breach no new release without excuse",
        "A breach of any condition … nullifies the order for release … (c) … subsection (4) … shall no longer apply to allow the release of the person unless … reasonable excuse";
    S128A_10A = "s128A(10A)", "s 128A(10A)", Act, (1999, 6, 16),
        "Failing to deliver up on the completion date makes the person liable to arrest",
        "If a person fails to deliver himself or herself up in accordance with subsection (5) on the date of completion";
    S128A_11 = "s128A(11)", "s 128A(11)", Act, (1991, 11, 18),
        "A s 128A releasee is still a person to whom s 128 applies; Part 2 does not apply",
        "shall be deemed … still to be a person to whom section 128 of this Act applies, and to be detained under that section; and (b) nothing in Part 2";
    S128A_12 = "s128A(12)", "s 128A(12)", Act, (1991, 11, 18),
        "The warrant period excludes the time at large after failing to deliver up",
        "any period commencing on the date of expiry of the order for release and ending on the date on which the person is again taken into custody";

    // ---------------------------------------------------------------- s 128B: eligibility detention
    S128B_1 = "s128B(1)", "s 128B(1)", Act, (1991, 11, 18),
        "s 128B applies to a non-exempt arrival whose s 7(1) status cannot be immediately ascertained",
        "not being a person who is exempt under section 11 or section 12 … because the person's status under section 7(1) … cannot be immediately ascertained";
    S128B_2 = "s128B(2)", "s 128B(2)", Act, (1991, 11, 18),
        "A person under s 128B is deemed unlawful but Part 2 does not apply",
        "shall be deemed … to be in New Zealand unlawfully, but, for so long as this section applies to that person, that person is not liable to be dealt with under any of the provisions of Part 2";
    S128B_3 = "s128B(3)", "s 128B(3)", Act, (1991, 11, 18),
        "The Police may detain the person while the s 7(1) determination is made",
        "may be detained by any member of the Police and placed in custody … while a determination is made";
    S128B_4 = "s128B(4)", "s 128B(4)", Act, (1991, 11, 18),
        "The Minister makes the determination, on the advice of the Commissioner of Police or another adviser",
        "Every such determination shall be made by the Minister acting on the advice of the Commissioner of Police";
    S128B_5_A_I = "s128B(5)(a)(i)", "s 128B(5)(a)(i)", Act, (1999, 6, 16),
        "Not s 7(1) and granted a permit (or pre-cleared): released immediately",
        "the person must be released immediately, if the person is granted a permit or already holds a pre-cleared permit";
    S128B_5_A_II = "s128B(5)(a)(ii)", "s 128B(5)(a)(ii)", Act, (1999, 6, 16),
        "Not s 7(1) but no permit: liable to be dealt with under s 128",
        "if no permit is granted to the person … the person is liable to be dealt with under section 128";
    S128B_5_B = "s128B(5)(b)", "s 128B(5)(b)", Act, (1991, 11, 18),
        "Determined to be s 7(1): treated under s 128 and retained in custody",
        "may from the time of that determination be treated as a person to whom section 128 of this Act applies";
    S128B_5_C = "s128B(5)(c)", "s 128B(5)(c)", Act, (1991, 11, 18),
        "The person requests removal: treated under s 128",
        "the person requests removal from New Zealand, in which case the person may be treated as a person to whom section 128 of this Act applies";
    S128B_6_A = "s128B(6)(a)", "s 128B(6)(a)", Act, (1991, 11, 18),
        "The Minister determines s 7(1) as speedily as possible",
        "shall take all practicable steps to determine, as speedily as may be possible in the circumstances";
    S128B_6_B = "s128B(6)(b)", "s 128B(6)(b)", Act, (1991, 11, 18),
        "Where there may be grounds, the person gets an opportunity to comment on or rebut them",
        "the Minister shall give that person an opportunity to comment on or rebut those grounds";
    S128B_6_C = "s128B(6)(c)", "s 128B(6)(c)", Act, (1991, 11, 18),
        "A warrant must be applied for to a Judge within 48 hours of custody, for 28 days in the first instance",
        "shall, not later than 48 hours after the person is taken into custody, apply to a District Court Judge for a warrant of commitment";
    S128B_7_A = "s128B(7)(a)", "s 128B(7)(a)", Act, (1991, 11, 18),
        "Overnight, a person under 17 not married or in a civil union is held in a CYF residence or agreed premises",
        "in the case of a person under 17 years of age who is not married or in a civil union";
    S128B_7_B = "s128B(7)(b)", "s 128B(7)(b)", Act, (1991, 11, 18),
        "Overnight, anyone else is held in approved premises, a Police station, or a prison on a Judge's direction",
        "(i) any premises approved by the Secretary of Labour; or (ii) a Police station; or (iii) at the direction of a Judge, in a prison";
    S128B_9 = "s128B(9)", "s 128B(9)", Act, (1991, 11, 18),
        "A s 128B warrant runs 28 days from its issue date, or as extended",
        "the expiry of 28 days from the date of the issue of the warrant, or the expiry of such further period";
    S128B_10_A = "s128B(10)(a)", "s 128B(10)(a)", Act, (1991, 11, 18),
        "Before the 28 days end, the person is brought before a Judge",
        "the person shall again be brought before a District Court Judge";
    S128B_10_B = "s128B(10)(b)", "s 128B(10)(b)", Act, (1991, 11, 18),
        "Then the person is brought before a Judge at intervals of not more than 7 days",
        "thereafter, while the person remains in custody, … at intervals of not more than 7 days";
    S128B_11 = "s128B(11)", "s 128B(11)", Act, (1991, 11, 18),
        "The Judge extends the warrant if satisfied s 128B still applies",
        "the Judge shall extend the warrant if the Judge is satisfied the person is still a person to whom this section applies";
    S128B_11A = "s128B(11A)", "s 128B(11A)", Act, (1999, 6, 16),
        "On hand-over to s 128, the s 128B warrant counts as a s 128(7) warrant",
        "that section applies as if any warrant of commitment issued under subsection (6)(c) … were a warrant of commitment issued under section 128(7)";
    S128B_12 = "s128B(12)", "s 128B(12)", Act, (1991, 11, 18),
        "No person detained under s 128B may be granted bail",
        "No person detained pursuant to this section shall be granted bail";

    // ---------------------------------------------------------------- s 129: transit
    S129_1 = "s129(1)", "s 129(1)", Act, (1991, 11, 18),
        "A transit passenger who stays on the craft, in a Customs controlled area or in Police custody needs no permit",
        "remains on the craft, or in a Customs controlled area, or in the custody of the Police, throughout the whole period";
    S129_2 = "s129(2)", "s 129(2)", Act, (1991, 11, 18),
        "Transit cover ends 24 hours after arrival",
        "This section shall cease to apply to any person on the expiry of the period of 24 hours that follows the time of the person's arrival";

    // ---------------------------------------------------------------- Part 6A (as it bears on these machines)
    S129G_1 = "s129G(1)", "s 129G(1)", Act, (1999, 10, 1),
        "A refugee claim is made as soon as the person signifies it to the Department or the Police",
        "as soon as a person signifies his or her intention to seek to be recognised as a refugee";
    S129X_1 = "s129X(1)", "s 129X(1)", Act, (1999, 10, 1),
        "A refugee or refugee status claimant may not be removed unless Article 32.1 or 33.2 allows it",
        "No person who has been recognised as a refugee in New Zealand or is a refugee status claimant may be removed or deported";
    S129ZD = "s129ZD", "s 129ZD", Act, (2006, 12, 19),
        "Epidemic modifications of detention procedure (text missing from the supplied reprint)",
        "[sections 129ZD to 129ZG missing from the supplied text]";

    // ---------------------------------------------------------------- Operational Manual Y4.15 (policy)
    Y4_15_3 = "y4.15(3)", "Y4.15 para 3", ManualY415, (1999, 10, 1),
        "Policy: a person to be detained under s 128B is first offered voluntary departure",
        "should first be given the option of departing voluntarily rather than being detained in custody";
    Y4_15_4 = "y4.15(4)", "Y4.15 para 4", ManualY415, (1999, 10, 1),
        "Policy: a warrant must be obtained to detain under s 128B for more than 48 hours",
        "A warrant of commitment must be obtained if the person is to be detained for more than 48 hours";
    Y4_15_8 = "y4.15(8)", "Y4.15 para 8", ManualY415, (1999, 10, 1),
        "Policy: the s 7(1) decision is made as speedily as possible",
        "should be made as speedily as possible in the circumstances";

    // ---------------------------------------------------------------- added later: status (all builds)
    S7_1_E = "s7(1)(e)", "s 7(1)(e)", Act, (1987, 11, 1),
        "No permit or exemption for a person the Minister believes engaged in terrorism in New Zealand",
        "who the Minister has reason to believe— (i) has engaged in, or claimed responsibility for, an act of terrorism in New Zealand";
    S7_1_F = "s7(1)(f)", "s 7(1)(f)", Act, (1987, 11, 1),
        "No permit or exemption for a person the Minister believes engaged in terrorism abroad and a threat to public safety",
        "has engaged in, or claimed responsibility for, an act of terrorism outside New Zealand";
    S7_1_G = "s7(1)(g)", "s 7(1)(g)", Act, (1987, 11, 1),
        "No permit or exemption for a person the Minister believes likely to engage in terrorism",
        "who the Minister has reason to believe is likely— (i) to engage in, or facilitate the commission of, any act of terrorism";
    S7_1_H = "s7(1)(h)", "s 7(1)(h)", Act, (1991, 11, 18),
        "No permit or exemption for a person the Minister believes a danger to security or public order",
        "is likely to constitute a danger to the security or public order of New Zealand";
    S7_1_I = "s7(1)(i)", "s 7(1)(i)", Act, (1991, 11, 18),
        "No permit or exemption for a person the Minister believes a member of a criminal organisation",
        "is a member of or adheres to any organisation or group of people which has criminal objectives";
    S7_2 = "s7(2)", "s 7(2)", Act, (1987, 11, 1),
        "Deferred and suspended sentences count; cumulative sentences in the same proceedings are added",
        "as if the offender had been convicted of a single offence and sentenced for that offence to the total of the cumulative sentences";
    S11_1_C = "s11(1)(c)", "s 11(1)(c)", Act, (1987, 11, 1),
        "Crew and passengers of a seagoing craft are exempt for at most 28 days from the day of arrival",
        "the expiry of the period of 28 days commencing with the day on which it arrives at its first Customs place";
    S11_1_E = "s11(1)(e)", "s 11(1)(e)", Act, (1987, 11, 1),
        "Crew of a commercial aircraft are exempt for 7 days from the day of arrival",
        "for the period of 7 days commencing with the day on which the aircraft arrives in New Zealand";
    S11_1_G = "s11(1)(g)", "s 11(1)(g)", Act, (1995, 2, 1),
        "Crew and passengers of an authorised ship are exempt for 28 days from the day of arrival",
        "for the period of 28 days commencing with the day on which the ship arrives at its first Customs place";
    S128A_1 = "s128A(1)", "s 128A(1)", Act, (1991, 11, 18),
        "Review proceedings include habeas corpus; s 128A governs those brought by a person detained under s 128",
        "the term review proceedings includes any proceedings on an application for a writ of habeas corpus";
    IA2009_S404 = "ia2009-s404", "Immigration Act 2009 s 404", Repeal, (2010, 11, 29),
        "The Act is repealed at 2 am on 29 November 2010; the transitional provisions are not in the supplied text",
        "repealed, at 2 am on 29 November 2010, by section 404 of the Immigration Act 2009";

    // ---------------------------------------------------------------- appended (feature `operation`)
    // New rules go at the end of the list, so that every rule keeps its
    // `code()`; those of a machine compiled in by a feature carry its `@cfg`.
    // The Act first, then the 2023 out-of-hours policy (spec
    // `rules/refugee_and_policy.md` §2; the sources are named in each summary's
    // rule-map section and in docs/readings.md). The policy's in-force dates are
    // the local dates its versions took effect (§2.3); every one is after the
    // repeal, so the policy is only ever evaluated hypothetically, under
    // `policy ooh-2023`, and `in_force_at` is false for it.
    @cfg(feature = "operation")
    S129X_2 = "s129X(2)", "s 129X(2)", Act, (1999, 10, 1),
        "Immigration officers acting in relation to a refugee status claimant must have regard to Part 6A and the Refugee Convention",
        "immigration officers must have regard to the provisions of this Part and of the Refugee Convention";
    @cfg(feature = "operation")
    OOH_V0 = "ooh-2023(v0)", "OOH-2023 V0", Ooh2023, (2022, 7, 1),
        "Policy before May 2023: in hours 07:00-21:00 local; an out-of-hours visit needs compliance-manager and national-manager approval",
        "outside the hours of 7:00 to 21:00";
    @cfg(feature = "operation")
    OOH_V1 = "ooh-2023(v1)", "OOH-2023 V1", Ooh2023, (2023, 5, 1),
        "Policy from 1 May 2023: in hours 08:00-18:00 local; out-of-hours visits approved by the Head of INZ personally",
        "standard operating hours moving from 7am to 9pm to 8am to 6pm";
    @cfg(feature = "operation")
    OOH_V2 = "ooh-2023(v2)", "OOH-2023 V2", Ooh2023, (2023, 5, 5),
        "Policy from 5 May 2023: every out-of-hours visit paused while the review runs",
        "there will be a pause on out of hours visits by compliance officers until the review is completed";
    @cfg(feature = "operation")
    OOH_V3 = "ooh-2023(v3)", "OOH-2023 V3", Ooh2023, (2023, 7, 10),
        "Policy from 10 July 2023: out-of-hours residential visits for deportation or removal paused; others need the Head of INZ and a full record",
        "out of hours visits to residential addresses by compliance officers for deportation purposes";
    @cfg(feature = "operation")
    OOH_V4 = "ooh-2023(v4)", "OOH-2023 V4", Ooh2023, (2023, 9, 25),
        "A later version from configuration (`config ooh-from=v4@DATE`, `ooh-window=`, `ooh-role=`, `ooh-pause=`)",
        "Out of hours compliance activity occurs between 6pm and 8am the following day";
    @cfg(feature = "operation")
    OOH_WINDOW = "ooh-2023(window)", "OOH-2023 window", Ooh2023, (2022, 7, 1),
        "A visit is out of hours if any instant of it, in local time at the location, falls outside the version's window (start in, end out)",
        "out of hours visits are now classified as visits before 8am and after 6pm";
    @cfg(feature = "operation")
    OOH_PAUSE = "ooh-2023(pause)", "OOH-2023 pause", Ooh2023, (2023, 5, 5),
        "No out-of-hours visit during the pause (V2: all; V3 on: residential visits for deportation or removal)",
        "until further notice, INZ will not be conducting any out of hours visits";
    @cfg(feature = "operation")
    OOH_AUTH = "ooh-2023(auth)", "OOH-2023 auth", Ooh2023, (2022, 7, 1),
        "An out-of-hours operation needs a recorded approval covering it, at the top of Immigration New Zealand",
        "I've also required that authorisation for those is escalated to the deputy secretary of Immigration";
    @cfg(feature = "operation")
    OOH_AUTH_ROLE = "ooh-2023(auth-role)", "OOH-2023 auth-role", Ooh2023, (2022, 7, 1),
        "The approval is given by the version's required approvers (from May 2023 the Head of INZ personally)",
        "A recent change required out of hours visits to be approved personally by the Head of INZ";
    @cfg(feature = "operation")
    OOH_AUTH_TIME = "ooh-2023(auth-time)", "OOH-2023 auth-time", Ooh2023, (2022, 7, 1),
        "The approval is given before the planned start",
        "authorised by the relevant compliance manager and national manager before it can occur";
    @cfg(feature = "operation")
    OOH_JUSTIFICATION = "ooh-2023(justification)", "OOH-2023 justification", Ooh2023, (2023, 5, 1),
        "From May 2023 an out-of-hours operation is justified by a threat to public safety (configurable)",
        "the only acceptable reason for such raids would be a threat to public safety";
    @cfg(feature = "operation")
    OOH_RECORD = "ooh-2023(record)", "OOH-2023 record", Ooh2023, (2023, 7, 10),
        "From July 2023 the record shows alternatives, who may be present (children, vulnerable people, NZ citizens or residents), cultural factors, proportionality and officer safety",
        "in particular children, but also the elderly or other vulnerable individuals, as well as New Zealand citizens or residents";
    @cfg(feature = "operation")
    OOH_REPORT = "ooh-2023(report)", "OOH-2023 report", Ooh2023, (2022, 7, 1),
        "An authorised out-of-hours operation is recorded after the visit (times, who was present, nationality) for reporting",
        "Wood's office confirmed the ethnic breakdown of those 19 cases";

    // ---------------------------------------------------------------- Part 2 (feature `removal`)
    @cfg(feature = "removal")
    S2_7 = "s2(7)", "s 2(7)", Act, (1987, 11, 1),
        "A person who leaves New Zealand while a removal order is in force is removed",
        "a person is removed from New Zealand if that person leaves New Zealand (whether or not at the expense of the Government of New Zealand) while a removal order is in force";
    @cfg(feature = "removal")
    S45_1 = "s45(1)", "s 45(1)", Act, (1999, 10, 1),
        "From the moment a person is unlawfully in New Zealand there is an obligation to leave",
        "From the moment that a person is in New Zealand unlawfully until that person leaves New Zealand, he or she has an obligation to leave New Zealand unless subsequently granted a permit";
    @cfg(feature = "removal")
    S47_1 = "s47(1)", "s 47(1)", Act, (1999, 10, 1),
        "A person unlawfully in New Zealand may appeal to the Removal Review Authority",
        "A person who is unlawfully in New Zealand may appeal to the Removal Review Authority against the requirement for that person to leave New Zealand";
    @cfg(feature = "removal")
    S47_2 = "s47(2)", "s 47(2)", Act, (1999, 10, 1),
        "The appeal is brought within 42 days after the day the person became unlawful",
        "The appeal must be brought within 42 days after the later of— (a) the day on which the person became unlawfully within New Zealand";
    @cfg(feature = "removal")
    S47_2_B = "s47(2)(b)", "s 47(2)(b)", Act, (1999, 10, 1),
        "After a s 31 reconsideration the 42 days run from the day its confirmation is notified, if later",
        "the day on which the person received notification under section 31 of the confirmation of the decision to decline to issue a permit";
    @cfg(feature = "removal")
    S47_5_A = "s47(5)(a)", "s 47(5)(a)", Act, (1999, 10, 1),
        "No appeal for a person back in New Zealand while a removal order is in force",
        "a person who is unlawfully in New Zealand by reason of having returned to New Zealand while a removal order is in force";
    @cfg(feature = "removal")
    S47_5_B = "s47(5)(b)", "s 47(5)(b)", Act, (1999, 10, 1),
        "No appeal for a person unlawful because a limited purpose permit expired",
        "a person who is unlawfully in New Zealand by reason of the expiry of a limited purpose permit";
    @cfg(feature = "removal")
    S48_1 = "s48(1)", "s 48(1)", Act, (1999, 10, 1),
        "An appeal is made in the prescribed manner, within the 42 days, with the prescribed fee",
        "must— (a) be made in the prescribed manner; and (b) be brought within the 42-day period referred to in section 47(2); and (c) be accompanied by the prescribed fee";
    @cfg(feature = "removal")
    S48_4 = "s48(4)", "s 48(4)", Act, (1999, 10, 1),
        "The Authority must not consider an appeal out of time, not in the prescribed manner or without the fee",
        "The Authority must not consider an appeal under section 47 unless it has been made in the prescribed manner, been brought within the 42-day period";
    @cfg(feature = "removal")
    S48_5 = "s48(5)", "s 48(5)", Act, (1999, 10, 1),
        "An appeal may be withdrawn by notice in writing",
        "An appeal under section 47 may at any time be withdrawn by notice in writing to the Authority";
    @cfg(feature = "removal")
    S51_1 = "s51(1)", "s 51(1)", Act, (1999, 10, 1),
        "The Authority notifies its decision and reasons in writing",
        "the Authority must notify both the appellant and the chief executive in writing of its decision and the reasons for that decision";
    @cfg(feature = "removal")
    S52_2 = "s52(2)", "s 52(2)", Act, (1999, 10, 1),
        "Allowing an appeal, the Authority may direct that a permit be granted",
        "the Authority may direct an immigration officer to grant the successful appellant— (a) a residence permit … or (b) a temporary permit";
    @cfg(feature = "removal")
    S52_3 = "s52(3)", "s 52(3)", Act, (1999, 10, 1),
        "A permit directed by the Authority is granted even if s 7(1) would bar it",
        "an immigration officer must accordingly grant the permit, even though the applicant is a person who would normally be prohibited from being granted a permit under section 7(1)";
    @cfg(feature = "removal")
    S52_6 = "s52(6)", "s 52(6)", Act, (1999, 10, 1),
        "The chief executive must ensure the Authority's direction is complied with",
        "The chief executive must ensure that the terms of a direction given under this section are complied with";
    @cfg(feature = "removal")
    S53_1_A = "s53(1)(a)", "s 53(1)(a)", Act, (1999, 10, 1),
        "Liable to removal after 42 consecutive days unlawful, unless an appeal is pending",
        "the person (not being a person who has an appeal pending under section 47 or section 115A) has been unlawfully in New Zealand";
    @cfg(feature = "removal")
    S53_1_A_I = "s53(1)(a)(i)", "s 53(1)(a)(i)", Act, (1999, 10, 1),
        "Liable after 42 consecutive days unlawfully in New Zealand",
        "for a period of 42 consecutive days";
    @cfg(feature = "removal")
    S53_1_A_II = "s53(1)(a)(ii)", "s 53(1)(a)(ii)", Act, (1999, 10, 1),
        "After a s 31 reconsideration, liable 42 consecutive days after its confirmation is notified",
        "for a period of 42 consecutive days following the day on which the person received notification under section 31";
    @cfg(feature = "removal")
    S53_1_B = "s53(1)(b)", "s 53(1)(b)", Act, (1999, 10, 1),
        "Liable 7 days after an appeal is determined against the person",
        "an appeal under section 47 … has been determined against the person, and the person is still unlawfully in New Zealand 7 days after the decision has been notified";
    @cfg(feature = "removal")
    S53_1_C = "s53(1)(c)", "s 53(1)(c)", Act, (1999, 10, 1),
        "Liable at once when unlawful because a limited purpose permit expired",
        "the person is unlawfully in New Zealand by reason of the expiry of a limited purpose permit";
    @cfg(feature = "removal")
    S53_1_D = "s53(1)(d)", "s 53(1)(d)", Act, (1999, 10, 1),
        "Liable when in New Zealand while a previously executed removal order is in force",
        "the person is in New Zealand while a previously executed removal order is still in force";
    @cfg(feature = "removal")
    S53_3 = "s53(3)", "s 53(3)", Act, (1999, 10, 1),
        "Voluntary departure is possible until a removal order is made and served",
        "Nothing in this Part is to be construed as preventing voluntary departure from New Zealand at any time before a removal order is made and served";
    @cfg(feature = "removal")
    S54_1 = "s54(1)", "s 54(1)", Act, (1999, 10, 1),
        "The chief executive or a designated officer makes a removal order where s 53(1) or s 70(3) applies",
        "may make a removal order in the prescribed form in respect of any person if the chief executive or immigration officer is satisfied that section 53(1) or section 70(3) applies";
    @cfg(feature = "removal")
    S54_2 = "s54(2)", "s 54(2)", Act, (1999, 10, 1),
        "An officer involved in deciding a permit application of the person may not make the order",
        "An immigration officer may not make a removal order in respect of a person if the officer has at any previous time been involved in determining an application by that person for a permit";
    @cfg(feature = "removal")
    S56_1 = "s56(1)", "s 56(1)", Act, (1999, 10, 1),
        "A removal order is served by an officer or the Police, by personal service only",
        "a removal order may be served by an immigration officer or member of the Police on the person named in the order by personal service only";
    @cfg(feature = "removal")
    S57_1 = "s57(1)", "s 57(1)", Act, (1999, 10, 1),
        "A removal order is in force from service until 5 years after the person is removed",
        "A removal order is in force from the time at which it is served, and remains in force until the expiry of 5 years after the date the person named in it is removed";
    @cfg(feature = "removal")
    S57_2 = "s57(2)", "s 57(2)", Act, (1999, 10, 1),
        "An order made against a person under 17 ends when the person is removed",
        "a removal order made in respect of a person who is under 17 years of age at the date the order is made remains in force in respect of that person only until the person is removed";
    @cfg(feature = "removal")
    S58_1 = "s58(1)", "s 58(1)", Act, (1999, 10, 1),
        "A designated officer may cancel a served order by personally serving an endorsed copy",
        "may, at any time while the person named in the removal order is still in New Zealand, cancel a removal order that has been served by endorsing a copy of the order accordingly, and personally serving that copy";
    @cfg(feature = "removal")
    S58_2 = "s58(2)", "s 58(2)", Act, (1999, 10, 1),
        "The cancellation directs anyone detaining the person to release them immediately",
        "The cancellation endorsement serves as a direction to any person who may be detaining the person in custody in reliance on the order to release the person from custody immediately";
    @cfg(feature = "removal")
    S58_4 = "s58(4)", "s 58(4)", Act, (1999, 10, 1),
        "An order against a person who has left is cancelled by a notice in the prescribed form",
        "In the case of a person who has already been removed from or has left New Zealand, an immigration officer … may cancel a removal order by sending the person named in it a notice";
    @cfg(feature = "removal")
    S58_5 = "s58(5)", "s 58(5)", Act, (2009, 11, 17),
        "An officer must consider cancelling an order when given information relevant to international obligations",
        "an immigration officer must consider cancelling the removal order of a person who is in New Zealand if the person provides information … relevant to New Zealand's international obligations";
    @cfg(feature = "removal")
    S59_1 = "s59(1)", "s 59(1)", Act, (1999, 10, 1),
        "The Police may arrest without warrant a person served with a removal order",
        "Any member of the Police may arrest without warrant a person on whom a removal order has been served and detain that person in accordance with this section";
    @cfg(feature = "removal")
    S59_3 = "s59(3)", "s 59(3)", Act, (1999, 10, 1),
        "A person arrested under s 59 may be held for up to 72 hours without further authority",
        "may be detained for up to 72 hours without further authority than this section pending their placement on a craft that is leaving New Zealand";
    @cfg(feature = "removal")
    S59_4 = "s59(4)", "s 59(4)", Act, (1999, 10, 1),
        "Once placed on a craft leaving New Zealand, the person may be held on board until it leaves",
        "Once the person has been placed on a craft that is leaving New Zealand, a member of the Police … may continue to detain the person on board the craft";
    @cfg(feature = "removal")
    S60_1 = "s60(1)", "s 60(1)", Act, (1999, 10, 1),
        "If no craft within 72 hours, the person is released or brought before a Judge for a warrant",
        "unless the person is released, an immigration officer must arrange for the person to be brought before a District Court Judge for the purpose of obtaining a warrant of commitment";
    @cfg(feature = "removal")
    S60_2 = "s60(2)", "s 60(2)", Act, (1999, 10, 1),
        "A warrant of commitment authorises detention for 7 days or a shorter period",
        "authorises the detention of the person named in it for a period of 7 days or such shorter period as the Judge thinks necessary";
    @cfg(feature = "removal")
    S60_3 = "s60(3)", "s 60(3)", Act, (1999, 10, 1),
        "A Judge issues the warrant on an officer's application, satisfied of identity and a ground",
        "A Judge may issue a warrant of commitment on the application of an immigration officer if satisfied on the balance of probabilities that the person in custody is the person named in the removal order";
    @cfg(feature = "removal")
    S60_4 = "s60(4)", "s 60(4)", Act, (1999, 10, 1),
        "At the warrant's expiry the person, unless released, is brought before a Judge for an extension",
        "If at the expiry of a warrant of commitment made under this section the person has still not left New Zealand, then, unless released, the person must be again brought before a Judge for an extension";
    @cfg(feature = "removal")
    S60_5 = "s60(5)", "s 60(5)", Act, (1999, 10, 1),
        "At a second or subsequent s 60(4) hearing the Judge may release on conditions",
        "If a person is brought before a Judge under subsection (4) for a second or subsequent time the Judge may … order that the person be released subject to";
    @cfg(feature = "removal")
    S60_6_A = "s60(6)(a)", "s 60(6)(a)", Act, (2003, 9, 9),
        "A claimant who claimed only after service is not released on conditions without exceptional circumstances",
        "the person is currently a refugee status claimant who claimed refugee status only after the removal order was served";
    @cfg(feature = "removal")
    S60_6_B = "s60(6)(b)", "s 60(6)(b)", Act, (2003, 9, 9),
        "Nor a person whose own action or inaction after service keeps them here",
        "a direct or indirect reason for the person being unable to leave New Zealand is or was some action or inaction by the person occurring after the removal order was served";
    @cfg(feature = "removal")
    S60_6A_A = "s60(6A)(a)", "s 60(6A)(a)", Act, (2003, 9, 9),
        "For a s 60(6) person the Judge may extend the warrant by up to 30 days",
        "extend the warrant of commitment for a further period of up to 30 days";
    @cfg(feature = "removal")
    S60_7 = "s60(7)", "s 60(7)", Act, (2003, 9, 9),
        "No more than 3 consecutive months under warrants of commitment, unless a s 60(6) person",
        "No person may be detained under 1 or more warrants of commitment under this Part for a consecutive period of more than 3 months, unless the person is a person to whom subsection (6) applies";
    @cfg(feature = "removal")
    S60_9 = "s60(9)", "s 60(9)", Act, (1999, 10, 1),
        "A release under s 60 does not affect liability for later detention and removal",
        "No release of a person under this section in any way affects their liability for later detention and removal";
    @cfg(feature = "removal")
    S61 = "s61", "s 61", Act, (1999, 10, 1),
        "A prisoner served with a removal order is released into Police custody on a Police request",
        "the person responsible for the person's detention must, at the time the release is due, release the person into the custody of the member of the Police, and section 59 then applies";
    @cfg(feature = "removal")
    S62_1_A = "s62(1)(a)", "s 62(1)(a)", Act, (1999, 10, 1),
        "Overnight under s 59, a person under 17 not married or in a civil union is held in a CYF residence or agreed premises",
        "in the case of a person under 17 years of age who is not married or in a civil union, in— (i) any residence";
    @cfg(feature = "removal")
    S62_1_B = "s62(1)(b)", "s 62(1)(b)", Act, (1999, 10, 1),
        "Overnight under s 59, anyone else is held in approved premises or a Police station",
        "in any other case, in— (i) premises approved by the chief executive; or (ii) a Police station";
    @cfg(feature = "removal")
    S62_2 = "s62(2)", "s 62(2)", Act, (1999, 10, 1),
        "Under a s 60 warrant the person is held in a prison or premises the Judge approves",
        "is to be detained— (a) in a prison; or (b) in any other premises approved for the purpose by the Judge";
    @cfg(feature = "removal")
    S63_2 = "s63(2)", "s 63(2)", Act, (1999, 10, 1),
        "A person whose s 27A permit expired cannot appeal to the Removal Review Authority",
        "Such a person cannot appeal to the Removal Review Authority under section 47 against the requirement to leave New Zealand";
    @cfg(feature = "removal")
    S63_3 = "s63(3)", "s 63(3)", Act, (1999, 10, 1),
        "After a s 27A permit expires, an order may be made once 7 days have passed",
        "Unless a person to whom this section applies leaves New Zealand voluntarily within 7 days of becoming unlawfully in New Zealand, a removal order may be made, served, and executed";
    @cfg(feature = "removal")
    S70_1 = "s70(1)", "s 70(1)", Act, (1999, 10, 1),
        "s 70 applies to a person unlawfully in New Zealand immediately before 1 October 1999",
        "This section applies to any person who is in New Zealand unlawfully immediately before 1 October 1999 and in respect of whom a removal order is not in force at that time";
    @cfg(feature = "removal")
    S70_3_A = "s70(3)(a)", "s 70(3)(a)", Act, (1999, 10, 1),
        "Such a person may appeal at any time before 1 October 2000",
        "the person may appeal to the Removal Review Authority under section 47 at any time before 1 October 2000";
    @cfg(feature = "removal")
    S70_3_B = "s70(3)(b)", "s 70(3)(b)", Act, (1999, 10, 1),
        "A notice served before 19 August 2000 gives 42 days to appeal",
        "if before 19 August 2000 an immigration officer serves a notice in the prescribed form on the person that the person is obliged to leave New Zealand or appeal";
    @cfg(feature = "removal")
    S70_3_B_II = "s70(3)(b)(ii)", "s 70(3)(b)(ii)", Act, (1999, 10, 1),
        "Without an appeal, liable at the end of the 42 days after the notice",
        "if the person fails to appeal within 42 days after being served with the notice … the person may be the subject of a removal order, and is liable to be removed";
    @cfg(feature = "removal")
    S70_3_C = "s70(3)(c)", "s 70(3)(c)", Act, (1999, 10, 1),
        "Otherwise liable on or after 1 October 2000 unless an appeal is pending",
        "at any time on or after 1 October 2000, the person may be the subject of a removal order, and is liable to be removed";
    @cfg(feature = "removal")
    S115A_2 = "s115A(2)", "s 115A(2)", Act, (1991, 11, 18),
        "An appeal to the High Court on a question of law is brought within 28 days of notification",
        "Every appeal under this section shall be brought within 28 days after the date on which the decision of the Authority to which the appeal relates was notified";
    @cfg(feature = "removal")
    S115A_3_B = "s115A(3)(b)", "s 115A(3)(b)", Act, (1999, 10, 1),
        "The High Court may remit the matter to the Authority",
        "remit the matter to the Removal Review Authority with the opinion of the High Court on it";
    @cfg(feature = "removal")
    S116 = "s116", "s 116", Act, (1987, 11, 1),
        "A further appeal on a question of law to the Court of Appeal lies by leave",
        "may, with the leave of that Court, or, if the High Court refuses leave, with the leave of the Court of Appeal, appeal to the Court of Appeal";
    @cfg(feature = "removal")
    S129ZC_1 = "s129ZC(1)", "s 129ZC(1)", Act, (2006, 12, 19),
        "During an epidemic a matter before a Judge may be dealt with on documents only",
        "may be dealt with by a District Court Judge or Registrar on the basis of documents only, without the person's being brought before the Judge";
    @cfg(feature = "removal")
    S129ZE = "s129ZE", "s 129ZE", Act, (2006, 12, 19),
        "During an epidemic certain warrants and extensions have effect for 28 days (text missing)",
        "[section 129ZE missing from the supplied text]";
    @cfg(feature = "removal")
    S129ZG = "s129ZG", "s 129ZG", Act, (2006, 12, 19),
        "Calculation of the consecutive period of detention for s 60(7) during an epidemic (text missing)",
        "[section 129ZG missing from the supplied text]";
    @cfg(feature = "removal")
    S141C = "s141C", "s 141C", Act, (1999, 10, 1),
        "Service on a minor through the responsible adult (text missing)",
        "[section 141C missing from the supplied text]";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_parse_back() {
        for (i, r) in RuleId::ALL.iter().enumerate() {
            assert_eq!(RuleId::from_id(r.id()), Some(*r), "{}", r.id());
            assert_eq!(usize::from(r.code()), i);
            assert!(!r.summary().is_empty() && !r.quote().is_empty());
        }
    }

    #[test]
    fn citation_and_id_agree() {
        for r in RuleId::ALL {
            let compact: heapless::String<32> = r.cite().chars().filter(|c| *c != ' ').collect();
            match r.source() {
                Source::Act => assert_eq!(compact.as_str(), r.id(), "{}", r.cite()),
                Source::ManualY415 => assert!(r.id().starts_with("y4.15(")),
                #[cfg(feature = "operation")]
                Source::Ooh2023 => {
                    assert!(r.id().starts_with("ooh-2023("), "{}", r.id());
                    assert!(r.cite().starts_with("OOH-2023 "), "{}", r.cite());
                }
                Source::Repeal => assert_eq!(r.id(), "ia2009-s404"),
            }
        }
    }

    #[test]
    fn nothing_is_in_force_after_the_repeal() {
        assert!(RuleId::S128_7.in_force_at(REPEAL.add_seconds(-1)));
        assert!(!RuleId::S128_7.in_force_at(REPEAL));
        let before_2002 =
            Zone::Mainland.start_of_day(Date::from_ymd(2002, 6, 17).unwrap_or(Date::EPOCH));
        assert!(!RuleId::S128_16.in_force_at(before_2002));
    }
}
