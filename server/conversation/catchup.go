package conversation

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/config"
	"github.com/concierge-shop/concierge/server/store"
)

// The catch-up (SPEC §7: every customer message is covered by one reply). While the
// plugin is down — killed, upgraded, disabled, or still activating — Mattermost
// delivers no MessageHasBeenPosted; those messages are found by reading the watched
// channels after activation and queued like any other, so the queue's order and
// exactly-once hold for them too.
//
// A message counts as answered when a reply post names it in PropAnswers (written
// with the reply itself, so a crash right after the reply still leaves the proof),
// or when its conversation's HandledThrough is not older than it (written after
// the reply, and at every change of state: messages from a handoff are staff's).

const (
	// CatchUpWindow is how far back the catch-up looks: a message older than that
	// is no longer answered by the bot after a restart.
	CatchUpWindow = 24 * time.Hour
	// CatchUpPerChannel bounds the posts read per channel (the newest ones).
	CatchUpPerChannel = 500

	catchUpPage = 100
	// floorKey holds when this version first ran (Unix ms): posts from before it
	// carry no PropAnswers, so nothing older is caught up.
	floorKey = "conv/catchup/floor"
	// clockMargin allows for the clocks of a cluster's servers.
	clockMargin = time.Minute
)

// CatchUpOptions; zero values take the defaults above.
type CatchUpOptions struct {
	Window     time.Duration
	PerChannel int
	// Settle: on a cluster another server may be answering a message live right
	// now (hooks run on the server the post came in through). Messages younger
	// than Settle are looked at again once they are that old, and left alone if
	// a reply has come meanwhile. 0 on a single server.
	Settle time.Duration
}

// CatchUp queues the customer messages of watched conversations (the channels the
// bot answers in, its DMs) that no reply covers, posted within the window, and
// returns the conversations it queued. Handed-off conversations stay quiet; a
// staff post the plugin did not see takes its conversation over, as it would have.
func (s *Service) CatchUp(ctx context.Context, opt CatchUpOptions) ([]string, error) {
	if opt.Window <= 0 {
		opt.Window = CatchUpWindow
	}
	if opt.PerChannel <= 0 {
		opt.PerChannel = CatchUpPerChannel
	}
	// Live posts newer than the scan are the hook's alone.
	defer func() { s.taken.scanned(time.Now().Add(clockMargin).UnixMilli()) }()
	floor, ok, err := s.catchUpFloor(time.Now(), opt.Window)
	if err != nil || !ok {
		return nil, err
	}
	chans, appErr := s.d.API.GetChannelsForTeamForUser("", s.d.BotID, false) // "": every team, and the DMs
	if appErr != nil {
		if appErr.StatusCode == http.StatusNotFound {
			return nil, nil // in no channel yet
		}
		return nil, fmt.Errorf("list the bot's channels: %w", appErr)
	}
	cfg := s.d.Config()
	var watched []*model.Channel
	for _, ch := range chans {
		if ch.LastPostAt >= floor && s.isWatched(cfg, ch) {
			watched = append(watched, ch)
		}
	}
	p := catchUpPass{floor: floor, limit: opt.PerChannel, users: map[string]*model.User{}}
	if opt.Settle > 0 {
		p.until = time.Now().Add(-opt.Settle).UnixMilli()
	}
	queued, err := s.catchUpPass(ctx, cfg, watched, &p)
	if err != nil || len(p.young) == 0 {
		return queued, err
	}
	// The second look, at the channels that had messages too young for the first.
	select {
	case <-ctx.Done():
		return queued, ctx.Err()
	case <-time.After(time.Until(time.UnixMilli(p.youngest).Add(opt.Settle))):
	}
	again := p.young
	p.until, p.young = 0, nil
	more, err := s.catchUpPass(ctx, cfg, again, &p)
	return append(queued, more...), err
}

// catchUpPass is one reading of the channels.
type catchUpPass struct {
	floor int64
	limit int
	users map[string]*model.User
	// until: messages created later are left to the next pass (0: none); the
	// channels holding such messages are gathered in young.
	until    int64
	young    []*model.Channel
	youngest int64
}

func (s *Service) catchUpPass(ctx context.Context, cfg *config.Config, chans []*model.Channel, p *catchUpPass) ([]string, error) {
	var queued []string
	for _, ch := range chans {
		if err := ctx.Err(); err != nil {
			return queued, err
		}
		ids, err := s.catchUpChannel(cfg, ch, p)
		if err != nil {
			s.d.API.LogWarn("conversation: cannot catch up a channel", "channel_id", ch.Id, "err", err.Error())
			continue
		}
		queued = append(queued, ids...)
	}
	return queued, nil
}

// catchUpFloor is the oldest CreateAt the catch-up looks at; false on the very
// first run, which only records that it ran.
func (s *Service) catchUpFloor(now time.Time, window time.Duration) (int64, bool, error) {
	var first int64
	ok, err := store.GetJSON(s.d.KV, floorKey, &first)
	if err != nil {
		return 0, false, fmt.Errorf("read the catch-up floor: %w", err)
	}
	if !ok {
		return 0, false, store.SetJSON(s.d.KV, floorKey, now.UnixMilli())
	}
	return max(first, now.Add(-window).UnixMilli()), true, nil
}

// seen is one post of a conversation found by the catch-up.
type seen struct {
	post  *model.Post
	user  *model.User
	staff bool
}

func (s *Service) catchUpChannel(cfg *config.Config, ch *model.Channel, pass *catchUpPass) ([]string, error) {
	posts, err := s.recentPosts(ch.Id, pass.floor, pass.limit)
	if err != nil {
		return nil, err
	}
	answered, cut := s.answeredIn(posts)
	convs := map[string][]seen{}
	var order []string
	young := false
	for _, p := range posts {
		if p.CreateAt < pass.floor || p.DeleteAt != 0 || answered[p.Id] || s.notPerson(p) {
			continue
		}
		if pass.until != 0 && p.CreateAt > pass.until {
			young = true
			pass.youngest = max(pass.youngest, p.CreateAt)
			continue
		}
		user := pass.users[p.UserId]
		if user == nil {
			u, appErr := s.d.API.GetUser(p.UserId)
			if appErr != nil {
				continue
			}
			user, pass.users[p.UserId] = u, u
		}
		if user.IsBot {
			continue
		}
		e := seen{post: p, user: user, staff: s.d.People.IsStaff(user.Id)}
		id := s.staffKey(cfg, ch, p)
		if !e.staff {
			id, _, _ = s.conversationKey(cfg, ch, p, user.Id)
		}
		if _, ok := convs[id]; !ok {
			order = append(order, id)
		}
		convs[id] = append(convs[id], e)
	}
	if young {
		pass.young = append(pass.young, ch)
	}
	var queued []string
	for _, id := range order {
		if s.catchUpConversation(cfg, ch, id, convs[id], pass.floor, cut) {
			queued = append(queued, id)
		}
	}
	return queued, nil
}

// staffKey is the conversation a staff post speaks in, as onStaffPost finds it.
func (s *Service) staffKey(cfg *config.Config, ch *model.Channel, p *model.Post) string {
	switch {
	case s.d.People.IsBotDM(ch) || s.d.People.SoleCustomer(ch.Id) != "":
		return ch.Id
	case p.RootId != "":
		return p.RootId
	}
	return p.Id
}

// catchUpConversation takes in one conversation's unanswered messages, in order,
// and queues them as one batch; true if it queued any.
func (s *Service) catchUpConversation(cfg *config.Config, ch *model.Channel, id string, found []seen, floor int64, cut map[string]string) bool {
	conv, err := s.Store.Get(id)
	if err != nil {
		s.d.API.LogWarn("conversation: cannot read a conversation to catch up", "conversation_id", id, "err", err.Error())
		return false
	}
	through := floor - 1
	if conv != nil {
		if conv.State == StateWaitingHuman || conv.State == StateHuman {
			return false // staff have it: quiet, as when it was live
		}
		through = conv.handledThrough()
	}
	var fresh []seen
	var lastStaff *model.Post
	for _, e := range found {
		if e.post.CreateAt <= through {
			continue
		}
		if e.staff {
			lastStaff = e.post
		}
		fresh = append(fresh, e)
	}
	if lastStaff != nil && conv != nil && conv.State == StateBot {
		s.onStaffPost(lastStaff) // a takeover while the plugin was down
		if c, err := s.Store.Get(id); err != nil || c == nil || c.State != StateBot {
			return false
		}
	}
	var msgs []Message
	shown := ""
	for _, e := range fresh {
		if e.staff || !s.taken.claim(e.post.Id) {
			continue
		}
		c, err := s.conversationFor(cfg, ch, e.post, e.user)
		if err != nil {
			s.d.API.LogError("conversation: cannot record a caught-up message", "post_id", e.post.Id, "err", err.Error())
			s.apologise(ch, e.post)
			continue
		}
		if c.State != StateBot {
			return false
		}
		msgs = append(msgs, Message{PostID: e.post.Id, RootID: e.post.RootId, UserID: e.user.Id, Text: e.post.Message,
			At: time.UnixMilli(e.post.CreateAt)})
		if p := cut[e.post.Id]; p != "" {
			shown = p // a reply cut off mid-way: revised in place, not posted twice
		}
	}
	if len(msgs) == 0 {
		return false
	}
	s.d.API.LogInfo("conversation: answering messages posted while the plugin was not running",
		"conversation_id", id, "messages", len(msgs))
	s.queues.Restore(id, Pending{Messages: msgs, Shown: shown})
	return true
}

// recentPosts reads a channel's posts created since floor, newest first and at
// most limit of them, and returns them oldest first.
func (s *Service) recentPosts(channelID string, floor int64, limit int) ([]*model.Post, error) {
	got := map[string]bool{}
	var out []*model.Post
	for page := 0; len(out) < limit; page++ {
		list, appErr := s.d.API.GetPostsForChannel(channelID, page, catchUpPage)
		if appErr != nil {
			return nil, fmt.Errorf("read posts of %s: %w", channelID, appErr)
		}
		added, older := 0, false
		for _, id := range list.Order {
			p := list.Posts[id]
			if p == nil || got[id] {
				continue
			}
			got[id] = true
			added++
			if p.CreateAt < floor {
				older = true
				continue
			}
			out = append(out, p)
		}
		if older || added == 0 || len(list.Order) < catchUpPage {
			break
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].CreateAt < out[j].CreateAt })
	if len(out) > limit {
		out = out[len(out)-limit:]
	}
	return out, nil
}

// answeredIn reads the bot's replies among posts: the messages they answer, and
// for a reply cut off mid-way (still marked as streaming) the post to revise.
func (s *Service) answeredIn(posts []*model.Post) (answered map[string]bool, cut map[string]string) {
	answered, cut = map[string]bool{}, map[string]string{}
	for _, p := range posts {
		if p.UserId != s.d.BotID {
			continue
		}
		streaming := p.GetProp(PropStreaming) != nil
		for _, id := range propIDs(p.GetProp(PropAnswers)) {
			if streaming {
				cut[id] = p.Id
			} else {
				answered[id] = true
			}
		}
	}
	return answered, cut
}

// propIDs reads a list of ids from a post prop: []string as written, []any once
// it has been through JSON.
func propIDs(v any) []string {
	switch ids := v.(type) {
	case []string:
		return ids
	case []any:
		out := make([]string, 0, len(ids))
		for _, x := range ids {
			if id, ok := x.(string); ok {
				out = append(out, id)
			}
		}
		return out
	}
	return nil
}

// WaitAnswered waits until the conversations have no message left waiting for a
// reply (or ctx ends): on a cluster the next server's catch-up then finds those
// replies posted rather than answering the same messages again.
func (s *Service) WaitAnswered(ctx context.Context, ids []string) error {
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	for {
		busy := false
		for _, id := range ids {
			if s.queues.Busy(id) {
				busy = true
				break
			}
		}
		if !busy {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}
