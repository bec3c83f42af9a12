package dedup

import (
	"slices"
	"strings"
)

// kindMailDomain keys are an organisation's own domains: the domains of its
// e-mails that are no mail provider's (mailProviders, La Poste's own
// included, as a network's) and its websites' hosts. Two places sharing one,
// one of them from an e-mail, write from one organisation's domain
// (« communication@milcem.com » and the mission locale whose site is
// milcem.com): evidence as weak as a shared website's domain
// (strengthDomain), weakened as any key by the places that carry it. Two
// websites' hosts alike are same_domain, and the same e-mail says it
// already: mailDomainSaid leaves it out then.

// mailDomainKeys are the kindMailDomain keys of q: its e-mails' domains and
// its websites' hosts, but for a domain naming q's commune (plouigneau.fr,
// mairie-lelamentin.fr, ccas-stlouis.fr): a town's domain is every
// municipal service's, not one organisation's (townDomain reads it for a
// commune's own record).
func mailDomainKeys(q *prepared) []key {
	p := q.Place
	var towns []string
	if q.town != "" {
		ws := strings.Fields(q.town)
		towns = append(towns, saintAsSt(strings.Join(ws, "")))
		if kept := slices.DeleteFunc(slices.Clone(ws), func(w string) bool { return stopWords[w] }); len(kept) > 0 {
			towns = append(towns, saintAsSt(strings.Join(kept, "")))
		}
	}
	ofTown := func(host string) bool {
		label := domainLabel(host)
		return slices.ContainsFunc(towns, func(t string) bool { return len(t) >= 4 && strings.Contains(label, t) })
	}
	var out []key
	for _, m := range p.Emails {
		_, dom, ok := strings.Cut(strings.ToLower(m), "@")
		if !ok || dom == "" || dom == laPosteDomain || mailProviders[dom[:max(0, strings.LastIndexByte(dom, '.'))]] || ofTown(dom) {
			continue
		}
		out = append(out, key{kindMailDomain, strings.TrimPrefix(dom, "www.")})
	}
	for _, u := range p.Websites {
		if host, _ := splitURL(u); host != "" && !ofTown(host) {
			if _, platform := platformHost(host); !platform {
				out = append(out, key{kindMailDomain, host})
			}
		}
	}
	return out
}

// siteHostKeys are the kindMailDomain keys that come from websites alone (a
// public comparison's, when the e-mails are private).
func siteHostKeys(p *Place, keys []key) []key {
	hosts := map[string]bool{}
	for _, u := range p.Websites {
		if host, _ := splitURL(u); host != "" {
			hosts[host] = true
		}
	}
	return slices.DeleteFunc(keys, func(k key) bool { return k.kind == kindMailDomain && !hosts[k.value] })
}

// mailDomainSaid reports whether the evidence kept already says what a
// shared organisation's domain says: the same e-mail, website or website
// domain, or a domain spelling the other's name or initials.
func mailDomainSaid(best map[keyKind]float64) bool {
	for _, k := range []keyKind{kindEmail, kindURL, kindDomain, kindNamedDomain, kindInitialsDomain, kindTownDomain} {
		if best[k] > 0 {
			return true
		}
	}
	return false
}
