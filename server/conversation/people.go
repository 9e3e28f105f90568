package conversation

import (
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/config"
)

// People answers "who is this?" questions: staff or customer, and resolves the staff
// channel. Membership answers are cached briefly because every customer message asks
// them and the staff list changes rarely.
type People struct {
	api   API
	botID string

	mu    sync.Mutex
	cache map[string]cached
}

type cached struct {
	staff bool
	at    time.Time
}

const peopleTTL = 30 * time.Second

func NewPeople(api API, botID string) *People {
	return &People{api: api, botID: botID, cache: map[string]cached{}}
}

// StaffChannelID resolves the configured staff channel ("" when unset or missing).
func (p *People) StaffChannelID(cfg *config.Config) string {
	sc, ok := cfg.Staff()
	if !ok {
		return ""
	}
	ch, appErr := p.api.GetChannelByNameForTeamName(sc.Team, sc.Channel, false)
	if appErr != nil {
		return ""
	}
	return ch.Id
}

// IsStaff: system admins and members of the staff channel. Bots are never staff.
func (p *People) IsStaff(cfg *config.Config, userID string) bool {
	p.mu.Lock()
	if c, ok := p.cache[userID]; ok && time.Since(c.at) < peopleTTL {
		p.mu.Unlock()
		return c.staff
	}
	p.mu.Unlock()

	staff := false
	if user, appErr := p.api.GetUser(userID); appErr == nil && !user.IsBot {
		staff = user.IsSystemAdmin()
		if !staff {
			if chID := p.StaffChannelID(cfg); chID != "" {
				if _, appErr := p.api.GetChannelMember(chID, userID); appErr == nil {
					staff = true
				}
			}
		}
	}
	p.mu.Lock()
	p.cache[userID] = cached{staff: staff, at: time.Now()}
	p.mu.Unlock()
	return staff
}

// Forget drops cached answers (after a settings change or a staff channel membership change).
func (p *People) Forget() {
	p.mu.Lock()
	p.cache = map[string]cached{}
	p.mu.Unlock()
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

// SoleCustomer returns the one non-staff, non-bot member of a channel, or "" when the
// channel has none or several. Such a channel is one conversation as a whole (SPEC §7).
func (p *People) SoleCustomer(cfg *config.Config, channelID string) string {
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
		if p.IsStaff(cfg, m.UserId) {
			continue
		}
		if customer != "" {
			return ""
		}
		customer = m.UserId
	}
	return customer
}

// StaffUsernames lists up to max on-duty human members of the staff channel (see
// StaffChannelID), to be mentioned on a handoff or an approval request.
//
// On duty is the staff member's own Mattermost status: online first, then away;
// someone on "do not disturb" or offline has signed off. When nobody is on duty,
// everyone is mentioned (up to max): a notification waiting for the next shift
// beats a customer nobody hears.
func (p *People) StaffUsernames(chID string, max int) []string {
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
	rank := p.dutyRank(staff)
	onDuty := slices.ContainsFunc(staff, func(u *model.User) bool { return rank[u.Id] < offDuty })
	// Stable: among equals, the channel's own order.
	slices.SortStableFunc(staff, func(a, b *model.User) int { return rank[a.Id] - rank[b.Id] })
	var out []string
	for _, u := range staff {
		if len(out) == max || (onDuty && rank[u.Id] >= offDuty) {
			break
		}
		out = append(out, u.Username)
	}
	return out
}

const offDuty = 2

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
