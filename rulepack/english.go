package rulepack

// The English interface shows the English names of the pack's zones,
// leading industries, chains and carriers; a pack without them (an older
// one from the server) falls back to the Chinese.

// NameIn is the zone's registered name, in English when english is set.
func (z Zone) NameIn(english bool) string { return pick(english, z.Name, z.NameEn) }

// ShortNameIn is the zone's short name, in English when english is set.
func (z Zone) ShortNameIn(english bool) string { return pick(english, z.ShortName, z.ShortNameEn) }

// WordingIn is the leading industry's wording, in English when english is set.
func (l LeadingIndustry) WordingIn(english bool) string { return pick(english, l.Wording, l.WordingEn) }

// NameIn is the chain's name, in English when english is set.
func (c Chain) NameIn(english bool) string { return pick(english, c.Name, c.NameEn) }

// NameIn is the carrier's name, in English when english is set.
func (c Carrier) NameIn(english bool) string { return pick(english, c.Name, c.NameEn) }

func pick(english bool, zh, en string) string {
	if english && en != "" {
		return en
	}
	return zh
}

// NameIn is the land row's industry name, in English when english is set.
func (c LandCaps) NameIn(english bool) string { return pick(english, c.Name, c.NameEn) }

// RestrictionsIn are the carrier's conditions of use, in English when
// english is set and the pack translates every one.
func (c Carrier) RestrictionsIn(english bool) []string {
	return pickList(english, c.Restrictions, c.RestrictionsEn)
}

// FeaturesIn are the special needs the carrier meets, in English when
// english is set and the pack translates every one.
func (c Carrier) FeaturesIn(english bool) []string {
	return pickList(english, c.Features, c.FeaturesEn)
}

func pickList(english bool, zh, en []string) []string {
	if english && len(en) == len(zh) {
		return en
	}
	return zh
}
