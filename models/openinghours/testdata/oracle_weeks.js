// Generates oracle_weeks.json: the answers of opening_hours.js, the
// reference implementation of OSM opening_hours, for expressions with
// week-number selectors ("week 1-53/2 Tu 09:00-12:30"), at instants that
// cross ISO week boundaries, year ends with 52 and 53 weeks, public
// holidays and after-midnight spans. TestOracleWeeks compares Parse and
// State with it; the Go tests do not need node.
//
// To regenerate (outside the repository, so that no node_modules lands
// in it):
//
//	mkdir -p /tmp/ohjs && cd /tmp/ohjs && npm init -y && npm install opening_hours@3.15.0
//	cd /tmp/ohjs && TZ=Europe/Paris node /path/to/models/openinghours/testdata/oracle_weeks.js \
//	    > /path/to/models/openinghours/testdata/oracle_weeks.json
//
// The script runs from the directory holding node_modules (require
// resolves from the working directory, see below). It fails rather than
// skip an expression opening_hours.js rejects, or when TZ is not Paris.
"use strict";

const path = require("path");
const req = require("module").createRequire(path.join(process.cwd(), "noop.js"));
const OH = req("opening_hours");
const version = req("opening_hours/package.json").version;

if (new Date(2026, 0, 15).getTimezoneOffset() !== -60 || new Date(2026, 6, 15).getTimezoneOffset() !== -120) {
  throw new Error("run with TZ=Europe/Paris");
}

// The same place as oracle.json: Paris, so PH are the French holidays.
const nominatim = { lat: 48.85, lon: 2.35, address: { country_code: "fr", state: "Île-de-France" } };

const expressions = [
  // The fortnightly and listed weeks of itinerant services (France
  // Services buses), alone and combined as the files write them.
  "week 1-53/2 Tu 09:00-12:30",
  "week 2-52/2 Th 13:30-16:30",
  "week 01,03,05 Mo 10:00-12:00",
  "week 10-20 Mo-Fr 09:00-12:00",
  "week 1-53/2 Tu 09:00-12:30; week 2-52/2 Th 13:30-16:30",
  "week 1-53/2 Tu 09:00-12:30; week 2-52/2 Tu 13:30-16:30",
  "week 1-53/2 Tu 09:00-12:30; week 2-52/2 Th 13:30-16:30; PH off",
  "week 1-53/2: Tu 09:00-12:30",
  "Week 1-53/2 tu 9:00-12:30",
  "week 1-10,20-30/2,40 Mo 10:00-12:00",
  "week 1-53/3 Mo 10:00-12:00",
  "week 5-15/4 We 14:00-17:00",
  "week 05-05 Fr 10:00-12:00",
  // Year boundaries: 2026 has 53 ISO weeks, 2025 and 2027 have 52.
  "week 52,53,01 Mo-Su 10:00-12:00",
  "week 53 Mo-Su 10:00-12:00",
  "week 01 Mo-Su 10:00-12:00",
  "week 50-53 Mo-Fr 09:00-12:00; week 01-02 off",
  // Replacing, closing and adding with weeks.
  "Mo-Fr 09:00-12:00; week 1-53/2 We off",
  "Mo-Fr 09:00-18:00; week 1-53/2 We 09:00-12:00",
  "Mo-Fr 09:00-12:00, week 2-52/2 We 14:00-16:00",
  "week 1-53/2 10:00-12:00; 14:00-16:00",
  "10:00-12:00; week 1-53/2 14:00-16:00",
  "24/7; week 2-52/2 off",
  "week 1-53/2 24/7",
  "week 1-53/2",
  "week 1-53/2 off; Mo-Fr 09:00-12:00",
  // After midnight: the part past 24:00 belongs to the week of the day
  // the span starts on.
  "week 1-53/2 Su 22:00-02:00",
  "week 53 Su 20:00-03:00",
  "week 1-53/2 Fr 22:00-26:00",
  "week 2-52/2 Mo-Su 23:00-01:30",
  "Mo 22:00-02:00; week 1-53/2 Tu 10:00-12:00",
  // Public holidays and months.
  "week 1-53/2 Mo-Fr,PH 09:00-12:00",
  "Mo-Fr 09:00-12:00; week 1-53/2 PH off",
  "week 2-52/2 PH 10:00-12:00",
  "Jan-Jun week 1-53/2 Tu 09:00-12:30",
  "Dec week 50-53 Mo-Fr 10:00-12:00",
  "Jul,Aug week 27-35/2 Sa 10:00-12:00; Mo-Fr 09:00-12:00",
  "Dec 24-Jan 02 week 52-53 off; Mo-Su 10:00-12:00",
  // Comments and unknown.
  'week 1-53/2 Tu 09:00-12:30 "bus place du marché"',
  'week 1-53/2 Tu 09:00-12:30 open "bus place du marché"',
  "week 2-52/2 Th 13:30-16:30 unknown",
];

// Days around ISO week and year changes, and holidays, at hours that
// fall inside, outside and past midnight of the spans above.
const windows = [
  ["2025-12-22", 21], // weeks 52 (2025), 01, 02 (2026)
  ["2026-02-23", 21], // weeks 09-11
  ["2026-05-25", 1],  // Whit Monday, week 22
  ["2026-07-06", 14], // weeks 28-29, 14 July
  ["2026-12-14", 35], // weeks 51, 52, 53, 01 (2027), 02
  ["2027-12-20", 21], // weeks 51, 52 (2027), 01 (2028)
];
const times = [[0, 30], [1, 30], [9, 30], [11, 0], [12, 45], [14, 0], [15, 0], [16, 45], [21, 0], [23, 30]];

function rfc3339(d) {
  const pad = (n) => String(n).padStart(2, "0");
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? "+" : "-";
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:00` +
    `${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

const instants = [];
for (const [start, n] of windows) {
  const [y, m, d] = start.split("-").map(Number);
  for (let i = 0; i < n; i++) {
    for (const [hh, mm] of times) {
      instants.push(new Date(y, m - 1, d + i, hh, mm));
    }
  }
}

const cases = expressions.map((expr) => {
  const oh = new OH(expr, nominatim, { mode: 0 }); // throws if rejected
  let states = "";
  for (const at of instants) {
    states += oh.getState(at) ? "o" : oh.getUnknown(at) ? "u" : "c";
  }
  return { expression: expr, states };
});

const out = [];
out.push("{");
out.push(`"generator": ${JSON.stringify(`opening_hours ${version} (npm), TZ=Europe/Paris, nominatim address country_code=fr state=Île-de-France; testdata/oracle_weeks.js`)},`);
out.push(`"legend": "states has one letter per instant: o open, c closed, u unknown",`);
out.push(`"instants": [`);
for (let i = 0; i < instants.length; i += 10) {
  const line = instants.slice(i, i + 10).map((d) => JSON.stringify(rfc3339(d))).join(",");
  out.push(line + (i + 10 < instants.length ? "," : ""));
}
out.push("],");
out.push(`"cases": [`);
cases.forEach((c, i) => out.push(JSON.stringify(c) + (i + 1 < cases.length ? "," : "")));
out.push("]}");
process.stdout.write(out.join("\n") + "\n");
