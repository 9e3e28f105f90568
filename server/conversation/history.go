package conversation

import (
	"sort"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/concierge-shop/concierge/server/agent"
)

// historyLimit bounds the context given to the planner: enough to resolve "it" and
// "that one", small enough to keep a model's prompt short.
const historyLimit = 12

// history returns the conversation's earlier messages (customer and bot), oldest
// first, excluding the ones being answered now.
//
// A thread whose every customer message is being answered now has nothing
// earlier to read: its first turn is answered without the three reads (the
// thread, the customer's DM and its posts) it would otherwise cost.
func (s *Service) history(conv *Conversation, answering int, exclude map[string]bool) []agent.Message {
	if conv.Kind == KindThread && conv.Messages <= answering {
		return nil
	}
	var list *model.PostList
	var appErr *model.AppError
	if conv.Kind == KindThread {
		list, appErr = s.d.API.GetPostThread(conv.RootID)
	} else {
		list, appErr = s.d.API.GetPostsForChannel(conv.ChannelID, 0, historyLimit*2)
	}
	if appErr != nil || list == nil {
		return nil
	}
	posts := make([]*model.Post, 0, len(list.Posts))
	for _, p := range list.Posts {
		if exclude[p.Id] || p.IsSystemMessage() || p.DeleteAt != 0 {
			continue
		}
		if p.UserId != s.d.BotID && p.UserId != conv.CustomerID {
			continue
		}
		if p.UserId == s.d.BotID && conv.Kind == KindThread && p.GetProp(PropHandoffNotice) != nil {
			continue
		}
		posts = append(posts, p)
	}
	if conv.Kind == KindThread {
		posts = append(posts, s.privateAnswers(conv)...)
	}
	sort.Slice(posts, func(i, j int) bool { return posts[i].CreateAt < posts[j].CreateAt })
	if len(posts) > historyLimit {
		posts = posts[len(posts)-historyLimit:]
	}
	out := make([]agent.Message, 0, len(posts))
	for _, p := range posts {
		out = append(out, agent.Message{FromCustomer: p.UserId != s.d.BotID, Text: p.Message})
	}
	return out
}

// privateAnswers are the bot's answers to a shared thread that went to the
// customer's DM (SPEC §7): the thread holds only "sent to you by DM", yet "refund
// that one" refers to the order the DM answer listed.
func (s *Service) privateAnswers(conv *Conversation) []*model.Post {
	dm, appErr := s.d.API.GetDirectChannel(conv.CustomerID, s.d.BotID)
	if appErr != nil {
		return nil
	}
	list, appErr := s.d.API.GetPostsForChannel(dm.Id, 0, historyLimit*2)
	if appErr != nil || list == nil {
		return nil
	}
	var out []*model.Post
	for _, p := range list.Posts {
		if p.UserId == s.d.BotID && p.DeleteAt == 0 && p.GetProp(PropFor) == conv.RootID {
			out = append(out, p)
		}
	}
	return out
}
