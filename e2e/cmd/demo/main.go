// Command demo plays a short scripted customer conversation against a running
// Mattermost server with Concierge installed in offline mode (make demo), and prints
// the transcript: what each customer wrote and what the bot answered.
//
//	go run ./e2e/cmd/demo [-url http://127.0.0.1:8065] [-bundle dist/concierge-x.tar.gz]
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/e2e/chat"
	"github.com/concierge-shop/concierge/e2e/mmenv"
)

// step is one customer message; thread continues the customer's previous thread.
type step struct {
	user, channel, text string
	thread              bool
}

var script = []step{
	{user: "alice", channel: mmenv.ChannelGeneral, text: "你好"},
	{user: "alice", channel: mmenv.ChannelGeneral, text: "我平时穿38码皮鞋，跑鞋买多大？", thread: true},
	{user: "alice", channel: mmenv.ChannelGeneral, text: "疾风缓震跑鞋39码白色到手价多少？", thread: true},
	{user: "alice", channel: mmenv.ChannelGeneral, text: "我想退定金，订单 O-1003", thread: true},
	{user: "bob", channel: mmenv.ChannelGeneral, text: "Can I return an item within 7 days if I don't like it?"},
	{user: "carol", channel: "dm", text: "How long does shipping take?"},
	{user: "carol", channel: "dm", text: "The price of the air conditioner I bought dropped, order O-3001. Can I get the difference?"},
	{user: "bob", channel: mmenv.ChannelVIP, text: "我要找人工客服"},
}

func main() {
	url := flag.String("url", envOr("E2E_MM_URL", "http://127.0.0.1:8065"), "Mattermost server URL")
	bundle := flag.String("bundle", "", "plugin bundle (default: newest dist/concierge-*.tar.gz)")
	flag.Parse()
	if err := run(*url, *bundle); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func run(url, bundle string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	env, err := mmenv.Setup(ctx, url)
	if err != nil {
		return err
	}
	if bundle == "" {
		if bundle, err = mmenv.FindBundle("."); err != nil {
			return err
		}
	}
	settings := mmenv.DefaultSettings()
	settings["llmbaseurl"] = ""           // offline mode
	settings["replyquietwindowms"] = 1000 // keys as the server stores them: lower case
	if err := env.SetPluginSettings(ctx, settings); err != nil {
		return err
	}
	if _, err := env.InstallPlugin(ctx, bundle); err != nil {
		return err
	}
	for _, kind := range []string{"catalog", "orders"} {
		data, err := os.ReadFile("assets/demo/" + kind + ".json")
		if err != nil {
			return err
		}
		if err := importDoc(ctx, env, kind, data); err != nil {
			return err
		}
	}
	bot, err := env.BotUser(ctx)
	if err != nil {
		return err
	}
	// The index rebuild after the import runs in the background; give it a moment.
	waitSearchReady(ctx, env)

	fmt.Println("\n=== Concierge demo transcript (offline mode) ===")
	roots := map[string]string{}
	for _, s := range script {
		c, _ := env.Client(s.user)
		channelID := ""
		if s.channel == "dm" {
			u, _ := env.User(s.user)
			dm, _, err := c.CreateDirectChannel(ctx, u.Id, bot.Id)
			if err != nil {
				return fmt.Errorf("open DM: %w", err)
			}
			channelID = dm.Id
		} else {
			channelID = env.Channels[s.channel].Id
		}
		post := &model.Post{ChannelId: channelID, Message: s.text}
		key := s.user + "/" + s.channel
		if s.thread {
			post.RootId = roots[key]
		}
		created, _, err := c.CreatePost(ctx, post)
		if err != nil {
			return fmt.Errorf("post as %s: %w", s.user, err)
		}
		if post.RootId == "" && s.channel != "dm" {
			roots[key] = created.Id
		}
		where := "~" + s.channel
		if s.channel == "dm" {
			where = "DM"
		}
		fmt.Printf("\n[%s] @%s: %s\n", where, s.user, s.text)
		replies := waitReplies(ctx, env, channelID, bot.Id, created.CreateAt)
		if len(replies) == 0 {
			fmt.Println("  (no reply within 30 s)")
		}
		for _, r := range replies {
			fmt.Printf("  @concierge: %s\n", indent(chat.PostText(r)))
		}
	}
	fmt.Printf("\n=== The server keeps running: %s ===\n", env.URL)
	fmt.Println("Log in as (username / password):")
	for _, a := range mmenv.Accounts {
		fmt.Printf("  %-7s %-14s (%s)\n", a.Username, a.Password, a.Role)
	}
	fmt.Println("Stop it with: make demo-down")
	return nil
}

func importDoc(ctx context.Context, env *mmenv.Env, kind string, data []byte) error {
	resp, err := env.PluginRequest(ctx, "admin", http.MethodPost, "/api/v1/"+kind, bytes.NewReader(data))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("import %s: %s %s", kind, resp.Status, body)
	}
	fmt.Printf("imported %s: %s", kind, body)
	return nil
}

func waitSearchReady(ctx context.Context, env *mmenv.Env) {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := env.PluginRequest(ctx, "admin", http.MethodGet, "/api/v1/search?q=return&limit=1", nil)
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK && strings.Contains(string(body), `"id"`) {
				return
			}
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// waitReplies collects the bot's posts in the channel after `since`, waiting until
// the first one arrives and then a little for any card that follows it.
func waitReplies(ctx context.Context, env *mmenv.Env, channelID, botID string, since int64) []*model.Post {
	deadline := time.Now().Add(30 * time.Second)
	var got []*model.Post
	for time.Now().Before(deadline) {
		list, _, err := env.Admin().GetPostsSince(ctx, channelID, since, false)
		if err == nil {
			got = got[:0]
			for i := len(list.Order) - 1; i >= 0; i-- {
				if p := list.Posts[list.Order[i]]; p.UserId == botID && p.CreateAt > since {
					got = append(got, p)
				}
			}
			if len(got) > 0 {
				time.Sleep(1500 * time.Millisecond)
				if more, _, err := env.Admin().GetPostsSince(ctx, channelID, since, false); err == nil && len(more.Order) > len(list.Order) {
					continue
				}
				return got
			}
		}
		time.Sleep(300 * time.Millisecond)
	}
	return got
}

func indent(s string) string { return strings.ReplaceAll(s, "\n", "\n    ") }

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
