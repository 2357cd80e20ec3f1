package roundbook

import (
	"fmt"

	"github.com/community-atlas/atlas/server/msg"
)

// The template's texts are its own, not messages of the API: a title, a
// column, a note. They follow the request's language.

var zhWords = words{
	dataSheet: "填报", notesSheet: "填表说明",
	code: "代码", name: "名称", township: "所属乡镇", status: "状态",
	last: "上年值", reason: "变动说明",
	statuses:   map[string]string{"not_started": "未开始", "draft": "草稿", "submitted": "已提交", "returned": "已退回", "approved": "已审定"},
	wholeTitle: "请填整数", decimalTitle: "请填数值",
	rangeMessage: "%s：%s 至 %s（%s）", reasonTitle: "变动说明", reasonMessage: "一行，最多 %d 个字",
	indicatorHeader: []any{"指标代码", "名称", "单位", "有效范围", "须为整数", "当前中位变动", "超过此变动须说明"},
	notes: func(b *Book) [][]any {
		level := map[string]string{"community": "社区", "township": "乡镇"}[string(b.Level)]
		return [][]any{
			{"填表说明"},
			{"轮次", fmt.Sprintf("第 %d 轮（%d 年度）", b.Round, b.Period)},
			{"填报单位", level},
			{"截止日期", b.Deadline},
			{},
			{"1", "「填报」表每个地区一行。代码、名称、所属乡镇和状态已锁定；请勿增删列、改动表头或改表名。"},
			{"2", "每项指标三列：数值（请填写）、上年值（上年已发布的数值，供对照）、变动说明。"},
			{"3", "数值须在有效范围内；计数类指标（个、人、户、是/否）须为整数。表格已设数据验证。"},
			{"4", fmt.Sprintf("与上年相比的变动超过全部填报地区变动绝对值中位数的 %g 倍时，须在该指标的「变动说明」列写一行原因（最多 %d 字）。中位数随各地填报而变，下表是下载时的数值；中位数为 0 时任何变动都须说明。", b.Factor, maxReasonRunes)},
			{"5", "已提交或已审定的地区已锁定，不能修改。留空的单元格表示未填；与系统中相同的行不会重复保存。"},
			{"6", fmt.Sprintf("填好后在网页的「年度填报」页上传本文件（POST /api/v1/rounds/%d/template），保存为草稿；核对无误后再提交。", b.Round)},
		}
	},
}

var enWords = words{
	dataSheet: "Values", notesSheet: "Instructions",
	code: "code", name: "name", township: "township", status: "status",
	last: "last year", reason: "reason",
	statuses:   map[string]string{"not_started": "not started", "draft": "draft", "submitted": "submitted", "returned": "returned", "approved": "approved"},
	wholeTitle: "A whole number", decimalTitle: "A number",
	rangeMessage: "%s: %s to %s (%s)", reasonTitle: "Reason", reasonMessage: "one line of at most %d characters",
	indicatorHeader: []any{"indicator", "name", "unit", "valid range", "whole", "median change now", "a change beyond this needs a reason"},
	notes: func(b *Book) [][]any {
		return [][]any{
			{"How to fill in this template"},
			{"round", fmt.Sprintf("round %d (%d)", b.Round, b.Period)},
			{"reported by", string(b.Level)},
			{"deadline", b.Deadline},
			{},
			{"1", "The sheet Values has one row per region. The code, name, township and status are locked; do not add or remove columns, change the titles or rename the sheet."},
			{"2", "Each indicator has three columns: the value (fill it in), last year's published value (to compare with) and the reason for a change."},
			{"3", "A value must lie inside the indicator's valid range; counts (count, persons, households, yes/no) are whole numbers. The sheet validates both."},
			{"4", fmt.Sprintf("A change from last year of more than %g times the median absolute change of all regions needs a one-line reason (at most %d characters) in the indicator's reason column. The median moves as regions report; the table below gives it as it was when downloaded. Where it is 0, any change needs a reason.", b.Factor, maxReasonRunes)},
			{"5", "Regions submitted or approved are locked. An empty cell is no value; a row the same as the one stored is not saved again."},
			{"6", fmt.Sprintf("Upload this file on the round page of the web app (POST /api/v1/rounds/%d/template): it is saved as a draft. Submit once it is right.", b.Round)},
		}
	},
}

func wordsIn(l msg.Lang) words {
	if l == msg.ZH {
		return zhWords
	}
	return enWords
}
