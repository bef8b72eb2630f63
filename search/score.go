package search

// matchField is what a term matched; its String is Result.Field.
type matchField uint8

const (
	mName matchField = iota + 1
	mShortName
	mPinyinInitials
	mPinyin
	mAddress
	mCreditCode
	mMobile
)

// String returns the Result.Field name.
func (f matchField) String() string {
	switch f {
	case mName:
		return "name"
	case mShortName:
		return "short_name"
	case mPinyinInitials:
		return "pinyin_initials"
	case mPinyin:
		return "pinyin"
	case mAddress:
		return "address"
	case mCreditCode:
		return "credit_code"
	case mMobile:
		return "mobile"
	}
	return ""
}

// Scores of one term, in tiers of 100 so that a bonus inside a tier never
// lifts a match into the next one. A multi-term query scores the sum.
const (
	scoreExactName      = 1000
	scoreNamePrefix     = 900
	scoreShortExact     = 850 // the whole short name
	scoreShort          = 800
	scoreName           = 700
	scoreInitialsPrefix = 650 // initials from the first character
	scoreInitials       = 600
	scorePinyinPrefix   = 550 // full pinyin from the first character
	scorePinyin         = 500
	scoreAddress        = 400
	scoreCreditCode     = 300
	scoreMobile         = 300
)
