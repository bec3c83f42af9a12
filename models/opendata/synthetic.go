package opendata

import (
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
)

// WriteSynthetic writes n places of the standard v1.0.2 as CSV, for load
// measurements: deterministic (seeded), spread over real-looking communes,
// with the mix of values real files have (multi-valued cells, missing INSEE
// codes, some opening hours, a few over-long summaries to normalise).
func WriteSynthetic(w io.Writer, n int, seed uint64) error {
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	c := csv.NewWriter(w)
	if err := c.Write(Columns); err != nil {
		return err
	}
	communes := []struct {
		name, cp, insee string
		lat, lon        float64
	}{
		{"Marseille", "13001", "13055", 43.2965, 5.3698}, {"Lyon", "69003", "69123", 45.7640, 4.8357},
		{"Angoulême", "16000", "16015", 45.6484, 0.1562}, {"Rennes", "35000", "35238", 48.1173, -1.6778},
		{"Lille", "59000", "59350", 50.6292, 3.0573}, {"Ajaccio", "20000", "2A004", 41.9192, 8.7386},
		{"Saint-Denis", "97400", "97411", -20.8821, 55.4507}, {"Gap", "05000", "05061", 44.5594, 6.0786},
	}
	kinds := []string{"Médiathèque", "Espace numérique", "Centre social", "France Services", "Tiers-lieu", "CCAS", "Association"}
	themes := []string{"Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien", "Insertion professionnelle via le numérique",
		"Utilisation sécurisée du numérique", "Accès internet et matériel informatique", "Compréhension du monde numérique"}
	row := make([]string, len(Columns))
	for i := range n {
		cm := communes[r.IntN(len(communes))]
		// About 20 places per postal code, as in real data, so that the
		// duplicate detection's blocking sees realistic blocks.
		variant := r.IntN(max(1, n/20/len(communes)))
		cm.name = fmt.Sprintf("%s %d", cm.name, variant)
		cm.cp = fmt.Sprintf("%s%03d", cm.cp[:2], variant%1000)
		if cm.cp[:2] == "00" {
			cm.cp = "01" + cm.cp[2:]
		}
		cm.insee = fmt.Sprintf("%s%03d", cm.insee[:2], variant%1000)
		for j := range row {
			row[j] = ""
		}
		set := func(col, v string) {
			for j, c := range Columns {
				if c == col {
					row[j] = v
				}
			}
		}
		set("id", fmt.Sprintf("synthetic-%07d", i))
		set("pivot", "00000000000000")
		set("nom", fmt.Sprintf("%s %s n°%d", kinds[r.IntN(len(kinds))], cm.name, i))
		set("commune", cm.name)
		set("code_postal", cm.cp)
		if r.IntN(3) > 0 {
			set("code_insee", cm.insee)
		}
		set("adresse", fmt.Sprintf("%d rue de la République", 1+r.IntN(200)))
		set("latitude", fmt.Sprintf("%.5f", cm.lat+r.Float64()/10))
		set("longitude", fmt.Sprintf("%.5f", cm.lon+r.Float64()/10))
		set("typologie", []string{"BIB", "ASSO", "CCAS", "TIERS_LIEUX|ASSO", "MUNI"}[r.IntN(5)])
		if r.IntN(2) == 0 {
			set("telephone", fmt.Sprintf("+3349%07d", r.IntN(10000000)))
			set("courriels", fmt.Sprintf("contact%d@example.fr", i))
		}
		if r.IntN(2) == 0 {
			set("horaires", "Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00")
		}
		summary := "Ateliers et accompagnement au numérique pour tous les publics."
		if r.IntN(50) == 0 {
			summary = strings.Repeat("Un lieu ouvert à tous pour apprendre le numérique. ", 7)
		}
		set("presentation_resume", summary)
		set("source", "synthetic")
		set("date_maj", "2024-04-02")
		a, b := r.IntN(len(themes)), r.IntN(len(themes))
		set("services", themes[a]+"|"+themes[b])
		set("frais_a_charge", []string{"Gratuit", "Gratuit sous condition", "Payant"}[r.IntN(3)])
		set("modalites_acces", "Se présenter|Téléphoner")
		set("modalites_accompagnement", []string{"Accompagnement individuel", "Dans un atelier collectif|En autonomie", "À distance"}[r.IntN(3)])
		if err := c.Write(row); err != nil {
			return err
		}
	}
	c.Flush()
	return c.Error()
}
