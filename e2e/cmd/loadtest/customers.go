package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/e2e/mmenv"
)

// replyTimeout bounds one awaited reply; a reply later than this counts as lost
// (unless it shows up in the thread when the answers are counted).
const replyTimeout = 60 * time.Second

// customer is one simulated customer: a fresh account with its own websocket.
type customer struct {
	name   string
	client *model.Client4
	sock   *socket
}

// turn is one measured exchange: a plain post beside a question to the bot.
type turn struct {
	plain, reply time.Duration
	plainReply   time.Duration // a plain reply in a thread, when measured (threadFloor)
	askID        string
	question     string // what was asked, to name the slowest replies
	seq          int    // the customer's k-th question
	asked        time.Time
	answered     bool
}

func newCustomers(ctx context.Context, env *mmenv.Env, botID, prefix string, n int) ([]*customer, error) {
	out := make([]*customer, 0, n)
	for i := range n {
		a := mmenv.Account{Username: fmt.Sprintf("%s-%d-%s", prefix, i, model.NewId()[:6]), Password: "Load-pass-1", Role: mmenv.RoleCustomer}
		if err := env.AddAccount(ctx, a); err != nil {
			return nil, err
		}
		c, _ := env.Client(a.Username)
		s, err := openSocket(ctx, env.URL, c.AuthToken, botID)
		if err != nil {
			return nil, err
		}
		out = append(out, &customer{name: a.Username, client: c, sock: s})
	}
	return out, nil
}

func closeCustomers(cs []*customer) {
	for _, c := range cs {
		c.sock.close()
	}
}

// exchange posts a plain message in plainCh (no bot there) and then the
// question as a new thread in askCh; each time runs from the moment the post
// is sent to the moment this customer's websocket delivers the plain post, or
// the bot's complete reply.
func (c *customer) exchange(ctx context.Context, plainCh, askCh, question string) (turn, error) {
	t := turn{question: question}
	start := time.Now()
	p, _, err := c.client.CreatePost(ctx, &model.Post{ChannelId: plainCh, Message: "plain " + model.NewId()})
	if err != nil {
		return t, fmt.Errorf("plain post as %s: %w", c.name, err)
	}
	at, ok := c.sock.wait(p.Id, anyEvent, replyTimeout)
	if !ok {
		return t, fmt.Errorf("plain post %s never came back over the websocket", p.Id)
	}
	t.plain = at.Sub(start)
	c.sock.forget(p.Id)

	t.asked = time.Now()
	ask, _, err := c.client.CreatePost(ctx, &model.Post{ChannelId: askCh, Message: question})
	if err != nil {
		return t, fmt.Errorf("question as %s: %w", c.name, err)
	}
	t.askID = ask.Id
	if at, ok = c.sock.wait(replyKey(ask.Id), finalReply, replyTimeout); ok {
		t.reply, t.answered = at.Sub(t.asked), true
	}
	c.sock.forget(ask.Id)
	c.sock.forget(replyKey(ask.Id))
	return t, nil
}

// threadFloor times what Mattermost itself takes for any reply in a thread: the
// customer replies to a post of their own in plainCh (no bot there), from the
// request to its arrival over the websocket. The bot's answer to a question in a
// channel is such a reply; Mattermost does more for one (the thread's row, its
// followers) than for the plain root post the overhead is measured against.
func (c *customer) threadFloor(ctx context.Context, plainCh string, t *turn) error {
	root, _, err := c.client.CreatePost(ctx, &model.Post{ChannelId: plainCh, Message: "plain root " + model.NewId()})
	if err != nil {
		return fmt.Errorf("plain root as %s: %w", c.name, err)
	}
	if _, ok := c.sock.wait(root.Id, anyEvent, replyTimeout); !ok {
		return fmt.Errorf("plain root %s never came back over the websocket", root.Id)
	}
	c.sock.forget(root.Id)
	start := time.Now()
	p, _, err := c.client.CreatePost(ctx, &model.Post{ChannelId: plainCh, RootId: root.Id, Message: "plain reply " + model.NewId()})
	if err != nil {
		return fmt.Errorf("plain reply as %s: %w", c.name, err)
	}
	at, ok := c.sock.wait(p.Id, anyEvent, replyTimeout)
	if !ok {
		return fmt.Errorf("plain reply %s never came back over the websocket", p.Id)
	}
	c.sock.forget(p.Id)
	t.plainReply = at.Sub(start)
	return nil
}

// runCustomers has every customer ask turns questions one after the other, all
// customers at once; question(i, k) is customer i's k-th question.
func runCustomers(ctx context.Context, cs []*customer, turns int, plainCh, askCh string, question func(i, k int) string) ([]turn, error) {
	var (
		mu    sync.Mutex
		all   []turn
		first error
		wg    sync.WaitGroup
	)
	for i, c := range cs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range turns {
				t, err := c.exchange(ctx, plainCh, askCh, question(i, k))
				t.seq = k
				mu.Lock()
				if err != nil && first == nil {
					first = err
				}
				if t.askID != "" {
					all = append(all, t)
				}
				mu.Unlock()
				if err != nil {
					return
				}
			}
		}()
	}
	wg.Wait()
	return all, first
}

// answerCounts reads each question's thread and counts the bot's replies
// (cards aside): exactly once, twice or more, none.
type answerCounts struct{ once, twice, lost int }

func countAnswers(ctx context.Context, admin *model.Client4, botID string, turns []turn) (answerCounts, error) {
	var n answerCounts
	for _, t := range turns {
		thread, _, err := admin.GetPostThread(ctx, t.askID, "", false)
		if err != nil {
			return n, fmt.Errorf("thread %s: %w", t.askID, err)
		}
		replies := 0
		for _, p := range thread.Posts {
			if p.UserId == botID && p.RootId == t.askID && !p.IsSystemMessage() && isFinalReply(p) {
				replies++
			}
		}
		switch {
		case replies == 0:
			n.lost++
		case replies == 1:
			n.once++
		default:
			n.twice++
		}
	}
	return n, nil
}
