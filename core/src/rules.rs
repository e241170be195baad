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
}

macro_rules! rules {
    ($(
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
                $variant,
            )*
        }

        impl RuleId {
            /// Every rule, in the order of the Act.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant),*];

            /// The id as written in the case language and JSON, e.g. `s128(7)`.
            pub const fn id(self) -> &'static str {
                match self { $(RuleId::$variant => $id,)* }
            }

            /// The citation as the Act writes it, e.g. `s 128(7)`.
            pub const fn cite(self) -> &'static str {
                match self { $(RuleId::$variant => $cite,)* }
            }

            /// A one-line summary of the rule.
            pub const fn summary(self) -> &'static str {
                match self { $(RuleId::$variant => $summary,)* }
            }

            /// The few words of the source the rule rests on.
            pub const fn quote(self) -> &'static str {
                match self { $(RuleId::$variant => $quote,)* }
            }

            /// Where the rule comes from.
            pub const fn source(self) -> Source {
                match self { $(RuleId::$variant => Source::$source,)* }
            }

            /// The local date (New Zealand) from which the rule was in force.
            pub fn in_force_from(self) -> Date {
                // One (year, month, day) per variant, in declaration order, the
                // order of `self as usize`. (A `match` here is lowered to three
                // 256-entry lookup tables, 1.5 KB of flash; this table is 576 B.)
                const FROM: &[(u16, u8, u8)] = &[$(($y, $m, $d)),*];
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

    // ---------------------------------------------------------------- appended (codes are stable)
    S128A_1 = "s128A(1)", "s 128A(1)", Act, (1991, 11, 18),
        "Review proceedings include habeas corpus; s 128A governs those brought by a person detained under s 128",
        "the term review proceedings includes any proceedings on an application for a writ of habeas corpus";
    IA2009_S404 = "ia2009-s404", "Immigration Act 2009 s 404", Repeal, (2010, 11, 29),
        "The Act is repealed at 2 am on 29 November 2010; the transitional provisions are not in the supplied text",
        "repealed, at 2 am on 29 November 2010, by section 404 of the Immigration Act 2009";
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
