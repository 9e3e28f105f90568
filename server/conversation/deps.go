package conversation

import (
	"github.com/mattermost/mattermost/server/public/model"
)

// API is the part of the Mattermost plugin API this package uses; plugin.API
// satisfies it and unit tests pass a fake.
type API interface {
	GetChannel(channelID string) (*model.Channel, *model.AppError)
	GetDirectChannel(userID1, userID2 string) (*model.Channel, *model.AppError)
	GetTeam(teamID string) (*model.Team, *model.AppError)
	GetUser(userID string) (*model.User, *model.AppError)
	GetChannelByNameForTeamName(teamName, channelName string, includeDeleted bool) (*model.Channel, *model.AppError)
	GetChannelMember(channelID, userID string) (*model.ChannelMember, *model.AppError)
	GetChannelMembers(channelID string, page, perPage int) (model.ChannelMembers, *model.AppError)
	GetChannelsForTeamForUser(teamID, userID string, includeDeleted bool) ([]*model.Channel, *model.AppError)
	GetPost(postID string) (*model.Post, *model.AppError)
	GetPostThread(postID string) (*model.PostList, *model.AppError)
	GetPostsForChannel(channelID string, page, perPage int) (*model.PostList, *model.AppError)
	CreatePost(post *model.Post) (*model.Post, *model.AppError)
	UpdatePost(post *model.Post) (*model.Post, *model.AppError)
	SendEphemeralPost(userID string, post *model.Post) *model.Post
	PublishUserTyping(userID, channelID, parentID string) *model.AppError
	GetUserStatusesByIds(userIDs []string) ([]*model.Status, *model.AppError)
	LogError(msg string, keyValuePairs ...any)
	LogWarn(msg string, keyValuePairs ...any)
	LogInfo(msg string, keyValuePairs ...any)
	LogDebug(msg string, keyValuePairs ...any)
}
