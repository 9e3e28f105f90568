// Package people answers "who is this?": staff or customer, the staff channel, and
// which staff are on duty. It is a leaf: the conversation queue, refunds, handoffs
// and commands ask it through small interfaces of their own, and the plugin's
// membership hooks tell it when a cached answer went stale.
package people

import (
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// API is what people needs from Mattermost.
type API interface {
	GetUser(userID string) (*model.User, *model.AppError)
	GetChannelByNameForTeamName(teamName, channelName string, includeDeleted bool) (*model.Channel, *model.AppError)
	GetChannelMember(channelID, userID string) (*model.ChannelMember, *model.AppError)
	GetChannelMembers(channelID string, page, perPage int) (model.ChannelMembers, *model.AppError)
	GetUserStatusesByIds(userIDs []string) ([]*model.Status, *model.AppError)
	LogWarn(msg string, keyValuePairs ...any)
}

// StaffSetting reads the staff channel setting now: its team and channel names, ok
// false when none (or none valid) is set. A func, so a settings change applies at once.
type StaffSetting func() (team, channel string, ok bool)

// People answers "who is this?" questions: staff or customer, and resolves the staff
// channel. Membership answers are cached briefly because every customer message asks
// them and the staff list changes rarely.
type People struct {
	api     API
	botID   string
	setting StaffSetting

	mu     sync.Mutex
	cache  map[string]cached
	gen    uint64 // bumped by every Forget: an answer computed before is not cached
	warned string // the staff channel problem last logged, "" once it is gone
	// sole: a channel's one customer ("" = none or several), asked of every
	// message in a watched channel; staff: the staff channel's members (members.go).
	sole  map[string]soleAnswer
	staff staffList
	// staffCh: the staff channel resolved (StaffChannel); chGen is bumped by
	// Forget, which drops it: an answer read across a Forget is not kept.
	staffCh staffChannel
	chGen   uint64
}

type cached struct {
	staff bool
	at    time.Time
}

const peopleTTL = 30 * time.Second

func New(api API, botID string, setting StaffSetting) *People {
	return &People{api: api, botID: botID, setting: setting, cache: map[string]cached{}, sole: map[string]soleAnswer{}}
}

// StaffProblem says why the staff channel grants nobody staff rights ("" = it does).
type StaffProblem string

const (
	StaffOK         StaffProblem = ""
	StaffUnset      StaffProblem = "unset"
	StaffMissing    StaffProblem = "missing"
	StaffNotPrivate StaffProblem = "not_private"
	StaffUntrusted  StaffProblem = "untrusted_creator"
)

// StaffChannel resolves the configured staff channel. Only a private channel that a
// system admin (or the bot) created counts: anyone may join a public one, and anyone
// may create a private channel of the configured name while it is missing, so
// neither can be what makes someone staff (nor where customers' data goes).
//
// The answer is kept for peopleTTL, like who is staff: it is asked of every new
// conversation (the staff panel's event) and of every customer not yet known, two
// RPCs each (the channel, its creator) that took 50-150 ms apiece with 50
// customers at once, before the reply could start. A channel created or renamed
// drops it at once (Forget); an archived one or a creator's lost admin role is
// seen within the TTL, as a staff member's lost membership is on other servers.
func (p *People) StaffChannel() (string, StaffProblem) {
	team, channel, ok := p.setting()
	if !ok {
		return "", StaffUnset
	}
	name := team + "/" + channel
	now := time.Now()
	p.mu.Lock()
	if c := p.staffCh; c.name == name && now.Sub(c.at) < peopleTTL {
		p.mu.Unlock()
		return c.id, c.problem
	}
	gen := p.chGen
	p.mu.Unlock()
	id, problem := p.readStaffChannel(team, channel, name)
	p.mu.Lock()
	if p.chGen == gen {
		p.staffCh = staffChannel{name: name, id: id, problem: problem, at: now}
	}
	p.mu.Unlock()
	return id, problem
}

// staffChannel is StaffChannel's kept answer for the setting name (team/channel).
type staffChannel struct {
	name, id string
	problem  StaffProblem
	at       time.Time
}

func (p *People) readStaffChannel(team, channel, name string) (string, StaffProblem) {
	ch, appErr := p.api.GetChannelByNameForTeamName(team, channel, false)
	if appErr != nil {
		p.warnOnce(name, StaffMissing)
		return "", StaffMissing
	}
	if ch.Type != model.ChannelTypePrivate {
		p.warnOnce(name, StaffNotPrivate)
		return "", StaffNotPrivate
	}
	if !p.trustedCreator(ch.CreatorId) {
		p.warnOnce(name, StaffUntrusted)
		return "", StaffUntrusted
	}
	p.mu.Lock()
	p.warned = "" // a problem that comes back is logged again
	p.mu.Unlock()
	return ch.Id, StaffOK
}

func (p *People) trustedCreator(userID string) bool {
	if userID == p.botID {
		return true
	}
	u, appErr := p.api.GetUser(userID)
	return appErr == nil && u.IsSystemAdmin()
}

// StaffChannelID is the private staff channel's id, "" when there is none usable.
func (p *People) StaffChannelID() string {
	id, _ := p.StaffChannel()
	return id
}

// warnOnce logs a staff channel problem once per setting and problem: it is found on
// every customer message, and the log should say it, not drown in it.
func (p *People) warnOnce(channel string, problem StaffProblem) {
	key := channel + "\x00" + string(problem)
	p.mu.Lock()
	seen := p.warned == key
	p.warned = key
	p.mu.Unlock()
	if !seen {
		p.api.LogWarn("people: the staff channel grants no staff rights; only system admins are staff",
			"staff_channel", channel, "problem", string(problem))
	}
}

// IsStaff: system admins and members of the private staff channel. Bots are never staff.
func (p *People) IsStaff(userID string) bool {
	p.mu.Lock()
	if c, ok := p.cache[userID]; ok && time.Since(c.at) < peopleTTL {
		p.mu.Unlock()
		return c.staff
	}
	gen := p.gen
	p.mu.Unlock()

	staff := false
	if user, appErr := p.api.GetUser(userID); appErr == nil && !user.IsBot {
		staff = user.IsSystemAdmin()
		if !staff {
			if chID := p.StaffChannelID(); chID != "" {
				if _, appErr := p.api.GetChannelMember(chID, userID); appErr == nil {
					staff = true
				}
			}
		}
	}
	p.mu.Lock()
	if p.gen == gen {
		p.cache[userID] = cached{staff: staff, at: time.Now()}
	}
	p.mu.Unlock()
	return staff
}

// Forget drops cached answers (after a settings change, or a channel created that
// may be the staff channel).
func (p *People) Forget() {
	p.mu.Lock()
	p.cache = map[string]cached{}
	p.staffCh = staffChannel{}
	p.chGen++
	p.dropMembershipLocked()
	p.mu.Unlock()
}

// ForgetUser drops one user's cached answer: they joined or left a channel, maybe
// the staff channel, and a staff member removed must lose their rights at once.
// Which channels have one customer may change with it (a customer became staff).
func (p *People) ForgetUser(userID string) {
	p.mu.Lock()
	delete(p.cache, userID)
	p.dropMembershipLocked()
	p.mu.Unlock()
}

// dropMembershipLocked forgets the answers that depend on who is in which
// channel: any join or leave may change them.
func (p *People) dropMembershipLocked() {
	p.sole = map[string]soleAnswer{}
	p.staff = staffList{}
	p.gen++
}

// IsBotDM reports whether the channel is a direct message between someone and our bot.
func (p *People) IsBotDM(ch *model.Channel) bool {
	return ch.Type == model.ChannelTypeDirect && strings.Contains(ch.Name, p.botID)
}

// OtherDMUser returns the user in a bot DM who is not the bot.
func (p *People) OtherDMUser(ch *model.Channel) string {
	other := ch.GetOtherUserIdForDM(p.botID)
	return other
}

// soleCustomer reads a channel's one customer (SoleCustomer, members.go).
func (p *People) soleCustomer(channelID string) string {
	const perPage = 200
	members, appErr := p.api.GetChannelMembers(channelID, 0, perPage)
	if appErr != nil || len(members) >= perPage {
		return ""
	}
	customer := ""
	for _, m := range members {
		if m.UserId == p.botID {
			continue
		}
		if user, appErr := p.api.GetUser(m.UserId); appErr != nil || user.IsBot {
			continue
		}
		if p.IsStaff(m.UserId) {
			continue
		}
		if customer != "" {
			return ""
		}
		customer = m.UserId
	}
	return customer
}

// StaffUsernames lists up to limit on-duty human members of the staff channel (see
// StaffChannelID), to be mentioned on a handoff or an approval request.
//
// On duty is the staff member's own Mattermost status: online first, then away;
// someone on "do not disturb" or offline has signed off. When nobody is on duty,
// everyone is mentioned (up to limit): a notification waiting for the next shift
// beats a customer nobody hears.
func (p *People) StaffUsernames(chID string, limit int) []string {
	staff := p.staffMembers(chID)
	rank := p.dutyRank(staff)
	onDuty := slices.ContainsFunc(staff, func(u *model.User) bool { return rank[u.Id] < offDuty })
	// Stable: among equals, the channel's own order.
	slices.SortStableFunc(staff, func(a, b *model.User) int { return rank[a.Id] - rank[b.Id] })
	var out []string
	for _, u := range staff {
		if len(out) == limit || (onDuty && rank[u.Id] >= offDuty) {
			break
		}
		out = append(out, u.Username)
	}
	return out
}

const offDuty = 2

// readStaffMembers are the human, active members of the staff channel, in its order.
func (p *People) readStaffMembers(chID string) []*model.User {
	if chID == "" {
		return nil
	}
	members, appErr := p.api.GetChannelMembers(chID, 0, 100)
	if appErr != nil {
		return nil
	}
	var staff []*model.User
	for _, m := range members {
		if m.UserId == p.botID {
			continue
		}
		u, appErr := p.api.GetUser(m.UserId)
		if appErr != nil || u.IsBot || u.DeleteAt != 0 {
			continue
		}
		staff = append(staff, u)
	}
	return staff
}

// OnDuty lists the staff a new handoff may be routed to, sorted by username (a
// stable ring for round robin): those online, or, when nobody is, those away.
// Empty when nobody is on duty.
func (p *People) OnDuty(chID string) []string {
	staff := p.staffMembers(chID)
	rank := p.dutyRank(staff)
	best := offDuty
	for _, u := range staff {
		best = min(best, rank[u.Id])
	}
	var out []string
	for _, u := range staff {
		if rank[u.Id] == best && best < offDuty {
			out = append(out, u.Username)
		}
	}
	slices.Sort(out)
	return out
}

// dutyRank: 0 online, 1 away, 2 do not disturb / offline / unknown.
func (p *People) dutyRank(users []*model.User) map[string]int {
	rank := make(map[string]int, len(users))
	ids := make([]string, len(users))
	for i, u := range users {
		ids[i] = u.Id
		rank[u.Id] = offDuty
	}
	if len(ids) == 0 {
		return rank
	}
	statuses, appErr := p.api.GetUserStatusesByIds(ids)
	if appErr != nil {
		return rank // unknown: everyone is treated alike
	}
	for _, s := range statuses {
		switch s.Status {
		case model.StatusOnline:
			rank[s.UserId] = 0
		case model.StatusAway:
			rank[s.UserId] = 1
		}
	}
	return rank
}
