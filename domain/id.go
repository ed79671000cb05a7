package domain

import "regexp"

// The grammar of the ids the server makes. An id is a name in Redis keys ("…:team:<id>"), so
// one that does not match could never name an object, and one with a ':' could name another
// key ("B1Q:members" is team B1Q's member set): every id a client sends is checked against it
// at the boundary (the OpenAPI document carries the same patterns), and the store checks the
// ids a write refers to again.
const (
	// crockfordClass is one character of Crockford's base 32 (no I, L, O or U), upper case as
	// NewID and SeqID write it.
	crockfordClass = `[0-9A-HJKMNP-TV-Z]`

	// IDPattern matches an id made by NewID (26 characters) or by SeqID (a letter A–M saying
	// how many digits follow, then 1 to 13 digits).
	IDPattern = `^(?:` + crockfordClass + `{26}|[A-M]` + crockfordClass + `{1,13})$`

	// AssignmentIDPattern matches an assignment id (see AssignmentID): the day as YYYYMMDD, a
	// dash, the user's id.
	AssignmentIDPattern = `^[0-9]{8}-(?:` + crockfordClass + `{26}|[A-M]` + crockfordClass + `{1,13})$`

	// SlugPattern matches an org's slug, which is also the org's id: 3–40 lowercase letters,
	// digits and inner dashes.
	SlugPattern = `^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$`
)

var (
	idRegexp           = regexp.MustCompile(IDPattern)
	assignmentIDRegexp = regexp.MustCompile(AssignmentIDPattern)
)

// ValidID reports whether id could be an id the server made (see IDPattern).
func ValidID(id string) bool { return len(id) <= 26 && idRegexp.MatchString(id) }

// ValidAssignmentID reports whether id has the shape of an assignment id (see
// AssignmentIDPattern); whether its day is a real day is ParseAssignmentID's check.
func ValidAssignmentID(id string) bool { return len(id) <= 35 && assignmentIDRegexp.MatchString(id) }

// CheckIDs answers 422 naming field unless every id is valid (see ValidID): the ids a request
// refers to other objects by.
func CheckIDs(field string, ids ...string) error {
	for _, id := range ids {
		if !ValidID(id) {
			return InvalidField(field, IDMessage)
		}
	}
	return nil
}

// IDMessage is what a client is told of an id that is not one.
const IDMessage = "must be an id such as 01JD3QA1B2C3D4E5F6G7H8J9K0 or B1C"
