package msg

// access: refusals by role and region, limits on how often and how much,
// and conflicts with what exists.
var access = map[string]string{
	"this needs the role %s or above": "此操作需要 %s 或更高的角色",
	"a request made with the session cookie needs the X-CSRF-Token header from the login answer":                                                "使用会话 Cookie 的请求需要登录应答中给出的 X-CSRF-Token 请求头",
	"your account is limited to region %s, which does not exist; ask an admin":                                                                  "您的账号限于地区 %s，但该地区已不存在；请联系管理员",
	"your account is limited to region %s; nothing was written, since these rows lie outside it":                                                "您的账号限于地区 %s；以下记录在该地区之外，因此未写入任何数据",
	"your account is limited to region %s; batch %d has rows outside it":                                                                        "您的账号限于地区 %s；导入批次 %d 含有该地区之外的记录",
	"your account is limited to region %s; road networks are shared by every region: only a data manager without a region limit may import one": "您的账号限于地区 %s；路网由所有地区共用，只有不受地区限制的数据管理员才能导入",
	"your account is limited to region %s; entries of region %s are reviewed from a region above it":                                            "您的账号限于地区 %s；地区 %s 的上报由其上级地区审核",
	"you wrote the last report on item %s of region %s; someone else must review it":                                                            "地区 %[2]s 事项 %[1]s 的最近一次上报是您写的，须由他人审核",
	" and %d more": " 等，另有 %d 条",

	"too many failed logins; try again in %d s":           "登录失败次数过多，请 %d 秒后再试",
	"too many password checks at once; try again in %d s": "同时校验的密码过多，请 %d 秒后再试",

	"user %q exists": "用户 %q 已存在",
	"%d uploads of yours wait to be committed or discarded (at most %d); discard one first": "您有 %d 个上传文件等待提交或放弃（最多 %d 个）；请先放弃一个",
	"item %s of region %s is %s, not done: only a done item can be approved":                "地区 %[2]s 的事项 %[1]s 状态为%[3]s，不是已完成：只有已完成的事项才能审核通过",
	"no checklist entry":                            "没有清单上报",
	"%w: region %s has not reported item %s for %d": "%[1]w：地区 %[2]s 尚未上报 %[4]d 年的事项 %[3]s",
	"unknown import kind":                           "未知的导入类型",
	"%w %q (one of %v)":                             "%w %q（可选：%v）",
}

// records: the frame of an import's problems (the problems themselves
// are the importer's, in English), the records a refusal names, and why
// a batch cannot be undone.
var records = map[string]string{
	"import %s: %d problem(s), nothing written": "导入 %s：发现 %d 个问题，未写入任何数据",
	"sheet %s":   "工作表 %s",
	"row %d":     "第 %d 行",
	"feature %d": "第 %d 个要素",
	"field %s":   "字段 %s",

	"region %s":                                   "地区 %s",
	"region %s (%s)":                              "地区 %s（%s）",
	"removal of region %s":                        "删除地区 %s",
	"observation %s of region %s in %d":           "地区 %[2]s %[3]d 年的观测值 %[1]s",
	"target %s of region %s in %d":                "地区 %[2]s %[3]d 年的目标 %[1]s",
	"checklist item %s of region %s in %d":        "地区 %[2]s %[3]d 年的清单事项 %[1]s",
	"facility %s":                                 "设施 %s",
	"grid %s":                                     "网格 %s",
	"%s in region %s":                             "位于地区 %[2]s 的%[1]s",
	"%s, which belongs to a region outside yours": "%s（属于您的地区之外）",
	"road networks, which every region shares":    "路网（由所有地区共用）",

	"batch %d cannot be undone: %s was changed since by batch %d; undo batch %d first": "导入批次 %[1]d 无法撤销：%[2]s 此后已被批次 %[3]d 修改；请先撤销批次 %[4]d",
	"batch %d cannot be undone: %s %s":                                                 "导入批次 %d 无法撤销：%s %s",
	"batch %d cannot be undone: %s":                                                    "导入批次 %d 无法撤销：%s",
	"was changed since":                                                                "此后已被修改",
	"it was written before the atlas kept history, so what it replaced is unknown":     "它写入时图集尚未保存历史，无法知道它替换了什么",
	"was created by it and later batches wrote records (observations, facilities, grids or regions) inside it; undo those first": "由该批次创建，之后的批次又在其中写入了记录（观测值、设施、网格或地区）；请先撤销那些批次",
}
