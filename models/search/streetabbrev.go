package search

// streetAbbrevs are the words addresses abbreviate, as La Poste's norm
// writes them (AFNOR XP Z10-011: types of street, « CTRE CIAL », « IMM »,
// « RES », « ZAC », « ST », ranks and titles) and directories copy: an
// address holding the abbreviation holds the words too, so a query that
// writes them out meets it (« centre commercial » the « Ctre Commercial
// St-Jacques »; round 16b). One way only: a query's « av » or « pl » is
// not read into every avenue or place, and abbreviations that are also
// usual words of addresses (« col », « car », « ch », « qu ») are left out.
var streetAbbrevs = map[string][]string{
	"all": {"allee"}, "av": {"avenue"}, "ave": {"avenue"}, "avn": {"avenue"}, "bd": {"boulevard"}, "bld": {"boulevard"},
	"bvd": {"boulevard"}, "boul": {"boulevard"}, "che": {"chemin"}, "chem": {"chemin"}, "cor": {"corniche"},
	"crs": {"cours"}, "dom": {"domaine"}, "esp": {"esplanade"}, "espl": {"esplanade"}, "fg": {"faubourg"},
	"fbg": {"faubourg"}, "ham": {"hameau"}, "imp": {"impasse"}, "ld": {"lieu", "dit"}, "lot": {"lotissement"},
	"lotis": {"lotissement"}, "mte": {"montee"}, "pl": {"place"}, "plc": {"place"}, "prom": {"promenade"},
	"pte": {"porte"}, "res": {"residence"}, "resid": {"residence"}, "rpt": {"rond", "point"}, "rte": {"route"},
	"rle": {"ruelle"}, "sq": {"square"}, "sen": {"sentier"}, "sent": {"sentier"}, "trav": {"traverse"},
	"vla": {"villa"}, "za": {"zone", "artisanale"}, "zac": {"zone", "amenagement", "concerte"},
	"zi": {"zone", "industrielle"}, "ccal": {"centre", "commercial"}, "cial": {"commercial"},
	"ccial": {"commercial"}, "ctre": {"centre"}, "ctr": {"centre"}, "imm": {"immeuble"}, "bat": {"batiment"},
	"bt": {"batiment"}, "st": {"saint"}, "ste": {"sainte"}, "dr": {"docteur"}, "gal": {"general"},
	"mal": {"marechal"}, "pdt": {"president"}, "cdt": {"commandant"}, "cne": {"capitaine"}, "lt": {"lieutenant"},
	"prof": {"professeur"}, "mgr": {"monseigneur"},
}
