package domain

import (
	"strconv"
	"time"
)

// Rate is a number of events per period, the limit of a rate limiter; the zero Rate means "off".
type Rate struct {
	Events int
	Per    time.Duration
}

// Off reports whether the limit is disabled.
func (r Rate) Off() bool { return r.Events == 0 }

func (r Rate) String() string {
	if r.Off() {
		return "off"
	}
	unit := map[time.Duration]string{time.Second: "s", time.Minute: "m", time.Hour: "h"}[r.Per]
	return strconv.Itoa(r.Events) + "/" + unit
}
