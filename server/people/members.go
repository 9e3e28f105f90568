package people

import (
	"slices"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// Membership answers kept for peopleTTL: which customer a channel has (asked of
// every message in a watched channel, a member list and a user read per member)
// and who the staff channel's members are (every handoff). The membership hooks
// drop them (ForgetUser, ForgetChannel, Forget); on a cluster the composition root
// forwards those drops to the other servers, and peopleTTL bounds any change no
// hook reports. Who is on duty (their status) is read each time.

type soleAnswer struct {
	customer string
	at       time.Time
}

type staffList struct {
	channel string
	users   []*model.User
	at      time.Time
}

// SoleCustomer returns the one non-staff, non-bot member of a channel, or "" when the
// channel has none or several. Such a channel is one conversation as a whole (SPEC §7).
func (p *People) SoleCustomer(channelID string) string {
	now := time.Now()
	p.mu.Lock()
	if a, ok := p.sole[channelID]; ok && now.Sub(a.at) < peopleTTL {
		p.mu.Unlock()
		return a.customer
	}
	gen := p.gen
	p.mu.Unlock()
	customer := p.soleCustomer(channelID)
	p.mu.Lock()
	if p.gen == gen {
		if len(p.sole) >= lookupSweepAt {
			p.sole = map[string]soleAnswer{}
		}
		p.sole[channelID] = soleAnswer{customer: customer, at: now}
	}
	p.mu.Unlock()
	return customer
}

// staffMembers are the human, active members of the staff channel, in its order
// (a copy: callers sort it).
func (p *People) staffMembers(chID string) []*model.User {
	if chID == "" {
		return nil
	}
	now := time.Now()
	p.mu.Lock()
	if l := p.staff; l.channel == chID && now.Sub(l.at) < peopleTTL {
		p.mu.Unlock()
		return slices.Clone(l.users)
	}
	gen := p.gen
	p.mu.Unlock()
	users := p.readStaffMembers(chID)
	p.mu.Lock()
	if p.gen == gen && users != nil {
		p.staff = staffList{channel: chID, users: users, at: now}
	}
	p.mu.Unlock()
	return slices.Clone(users)
}

// ForgetChannel drops what is known of one channel's members: someone joined or
// left it. Who is staff does not change unless it is the staff channel, which the
// hook reports by user too (ForgetUser).
func (p *People) ForgetChannel(channelID string) {
	p.mu.Lock()
	delete(p.sole, channelID)
	if p.staff.channel == channelID {
		p.staff = staffList{}
	}
	p.gen++
	p.mu.Unlock()
}
