package domain

import "slices"

// Channel is where a team meets its customers: a gesture made for one channel ("offer a seat")
// makes no sense in another (a call centre's phone line).
type Channel string

// Channels a team or a gesture may name.
const (
	ChannelStore  Channel = "store"
	ChannelPhone  Channel = "phone"
	ChannelOnline Channel = "online"
	ChannelField  Channel = "field"
)

// Channels are the channels microact knows, in the order forms list them.
var Channels = []Channel{ChannelStore, ChannelPhone, ChannelOnline, ChannelField}

const channelMessage = "must be one of store, phone, online, field"

// ParseChannel checks one channel name.
func ParseChannel(field, s string) (Channel, error) {
	if c := Channel(s); slices.Contains(Channels, c) {
		return c, nil
	}
	return "", InvalidField(field, channelMessage)
}

// parseChannels checks a gesture's channels: known ones, each once, in the order of Channels.
func parseChannels(field string, in []string) ([]Channel, error) {
	out := []Channel{}
	for _, s := range in {
		c, err := ParseChannel(field, s)
		if err != nil {
			return nil, err
		}
		if slices.Contains(out, c) {
			return nil, InvalidField(field, "must not repeat a channel")
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Channel) int { return slices.Index(Channels, a) - slices.Index(Channels, b) })
	return out, nil
}

// OnChannel reports whether a gesture for channels (empty: every channel) may be given to a team
// of channel team ("": a team of no one channel, or no team, gets every gesture).
func OnChannel(channels []Channel, team Channel) bool {
	return team == "" || len(channels) == 0 || slices.Contains(channels, team)
}
