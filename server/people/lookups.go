package people

import (
	"sync"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// LookupAPI is the part of Mattermost whose answers Lookups keeps.
type LookupAPI interface {
	GetUser(userID string) (*model.User, *model.AppError)
	GetChannel(channelID string) (*model.Channel, *model.AppError)
	GetTeam(teamID string) (*model.Team, *model.AppError)
}

// LookupTTL bounds how long a user, channel or team read is reused.
const LookupTTL = 30 * time.Second

// lookupSweepAt: past this many entries of one kind, expired ones are dropped
// when another is added, so a busy day's customers do not stay in memory.
const lookupSweepAt = 4096

// Lookups keeps the user, channel and team records every message reads (who
// posted, where, in which team) for LookupTTL: each read is a plugin RPC and a
// database query, three of them before a message is even queued.
//
// Staleness, and why it is safe on a cluster: the hooks that see a change drop
// the entries it touches (Forget*), but Mattermost runs a hook only on the server
// the change came in through. The composition root forwards those drops to the
// other servers as a cluster event; whatever no hook reports (a renamed channel
// or team, a changed locale or role) is seen by every server within LookupTTL.
// Nothing here grants rights: who is staff is People.IsStaff, which reads
// Mattermost itself. Failed reads are never kept. Callers get copies.
type Lookups struct {
	api LookupAPI

	mu       sync.Mutex
	gen      uint64 // bumped by every Forget: a read begun before it is not kept
	users    map[string]entry[*model.User]
	channels map[string]entry[*model.Channel]
	teams    map[string]entry[*model.Team]
}

type entry[T any] struct {
	v  T
	at time.Time
}

// NewLookups reads through api.
func NewLookups(api LookupAPI) *Lookups {
	return &Lookups{api: api, users: map[string]entry[*model.User]{},
		channels: map[string]entry[*model.Channel]{}, teams: map[string]entry[*model.Team]{}}
}

// User is GetUser, kept for LookupTTL.
func (l *Lookups) User(id string) (*model.User, *model.AppError) {
	return lookup(l, l.users, id, l.api.GetUser, (*model.User).DeepCopy)
}

// Channel is GetChannel, kept for LookupTTL.
func (l *Lookups) Channel(id string) (*model.Channel, *model.AppError) {
	return lookup(l, l.channels, id, l.api.GetChannel, (*model.Channel).DeepCopy)
}

// Team is GetTeam, kept for LookupTTL.
func (l *Lookups) Team(id string) (*model.Team, *model.AppError) {
	return lookup(l, l.teams, id, l.api.GetTeam, func(t *model.Team) *model.Team { c := *t; return &c })
}

func lookup[T any](l *Lookups, m map[string]entry[T], id string, read func(string) (T, *model.AppError), clone func(T) T) (T, *model.AppError) {
	now := time.Now()
	l.mu.Lock()
	if e, ok := m[id]; ok && now.Sub(e.at) < LookupTTL {
		l.mu.Unlock()
		return clone(e.v), nil
	}
	gen := l.gen
	l.mu.Unlock()

	v, appErr := read(id)
	if appErr != nil {
		return v, appErr
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.gen == gen {
		if len(m) >= lookupSweepAt {
			for k, e := range m {
				if now.Sub(e.at) >= LookupTTL {
					delete(m, k)
				}
			}
		}
		m[id] = entry[T]{v: v, at: now}
	}
	return clone(v), nil
}

// ForgetUser drops a user's record (deactivated, changed).
func (l *Lookups) ForgetUser(id string) { forget(l, l.users, id) }

// ForgetChannel drops a channel's record (renamed, converted, archived, restored).
func (l *Lookups) ForgetChannel(id string) { forget(l, l.channels, id) }

// ForgetTeam drops a team's record.
func (l *Lookups) ForgetTeam(id string) { forget(l, l.teams, id) }

func forget[T any](l *Lookups, m map[string]entry[T], id string) {
	l.mu.Lock()
	delete(m, id)
	l.gen++
	l.mu.Unlock()
}
