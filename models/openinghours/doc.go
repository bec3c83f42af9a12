// Package openinghours parses and evaluates OpenStreetMap opening_hours
// values (https://wiki.openstreetmap.org/wiki/Key:opening_hours/specification),
// the format of the "horaires" field of the French standard for digital
// mediation places. No Go library for it is available, so this package
// implements the subset that real French directory data uses, with the
// semantics of opening_hours.js (npm "opening_hours"), the reference
// implementation, against which it is tested (testdata/oracle.json).
//
// # Supported subset
//
//   - Weekdays Mo Tu We Th Fr Sa Su, ranges (Mo-Fr, wrapping Sa-Mo),
//     lists and mixes (Mo,We,Fr; Mo-We,Fr), and PH in the list
//     (Mo-Fr,PH) or alone (PH off, PH 10:00-12:00).
//   - Time spans 09:00-12:00, several separated by ",", 24:00 as an end,
//     spans past midnight (22:00-02:00, or 22:00-26:00 up to 48:00): the
//     part after midnight belongs to the day the span starts on. Bare
//     hours (9-12) are accepted as opening_hours.js does.
//   - 24/7; the states open, off, closed (a synonym of off) and unknown;
//     one quoted comment per rule ("sur rendez-vous"), after the state.
//   - Months and dates before the weekdays: Jul, Jan-Jun, Nov-Feb,
//     Jul,Aug, Dec 25, Dec 24-26, Dec 24-Jan 02, Dec 24,31 (no years).
//   - ISO 8601 week numbers (1-53, week 1 holding the year's first
//     Thursday) after the months and before the weekdays, as the OSM
//     specification orders selectors: week 05, week 10-20, week 01-53/2
//     (every second week from week 1: the fortnightly hours of itinerant
//     services, "week 01-53/2 Tu 09:00-12:30; week 02-52/2 Th
//     13:30-16:30"), week 01,03,05, and mixes (week 01-10,20-30/2). As in
//     opening_hours.js a range does not wrap over the new year, a step is
//     2 to 26, and in a year of 53 weeks "week 01-53/2" selects week 53
//     and the next year's week 1, two weeks in a row.
//   - Rules separated by ";" (normal) or "," (additional). Case and
//     whitespace are free where OSM allows them (mo-fr, "Mo - Fr 9:00 -
//     12:00"); en dashes and no-break spaces are accepted; empty rules
//     ("a;;b", a trailing ";") are skipped.
//
// Anything else valid in OSM (SH, years, Mo[1], easter,
// sunrise/sunset, open ends "10:00+", fallback "||", points in time
// "Sa 17:00", "PH Mo" intersections) is rejected with a *ParseError that
// says it is not supported, rather than being misread.
//
// # Semantics
//
// Rules apply in order. A normal rule that selects a day (by weekday, PH
// or date) and is not "off" replaces all earlier rules for that day: in
// "Mo-Fr 09:00-18:00; We 09:00-12:00" Wednesday closes at 12:00. An
// "off" rule does not replace but closes its own times ("Mo-Fr
// 09:00-18:00; We 12:00-13:00 off"). An additional rule ("," separator)
// never replaces; it adds its times ("Mo-Fr 09:00-12:00, We 14:00-16:00").
// A rule without a weekday or date applies to every day; it replaces the
// earlier rules only when they have no selector either ("10:00-12:00;
// 14:00-16:00" means 14:00-16:00) and adds otherwise ("Mo 10:00-12:00;
// 14:00-16:00" keeps Monday morning). The after-midnight part of a span
// is replaced like the rest of the next day: in "Mo 22:00-02:00; Tu
// 10:00-12:00" Tuesday 01:00 is closed (use "," to keep it). Week numbers
// are selectors like the others, and the after-midnight part of a span
// follows the week of the day the span starts on: "week 01-53/2 Su
// 22:00-02:00" is open on Monday 01:00 of even weeks. These are the rules
// of opening_hours.js.
//
// A comment does not change which times a rule covers, but, as in OSM, a
// rule with a comment and no explicit state is Unknown rather than Open
// (`Mo 14:00-16:00 "sur rendez-vous"`); write `open "sur rendez-vous"`
// for Open. OpenAt treats Unknown as not open; State tells them apart.
//
// Public holidays: when the expression mentions PH, French public
// holidays (IsPublicHoliday, or a Region) follow the PH rules; when it
// does not, they are ordinary days (HolidayUnsaid tells a caller so).
//
// Evaluation uses the wall clock of the time.Time passed in, in its own
// location. Weekly, OpenOnDay, OpenBetween and Is247 describe a generic
// week without dates (see weekly.go for how PH, month and week-number
// rules are treated there: a week-number rule counts as if it applied
// every week).
//
// Everything evaluation needs is precomputed by Parse: OpenAt, State,
// OpenOnDay and OpenBetween do not allocate, and without PH, dates, week
// numbers or unknown rules OpenAt is a lookup in the precomputed week.
package openinghours
