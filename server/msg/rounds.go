package msg

// rounds: the yearly round — opening one, drafts, submissions, reviews —
// and the published or provisional values it feeds.
var rounds = map[string]string{
	"round": "填报轮次",

	"%d is not a year":                                         "%d 不是年份",
	"%q is not community or township":                          "%q 不是 community 或 township",
	"%q is not a date YYYY-MM-DD":                              "%q 不是 YYYY-MM-DD 格式的日期",
	"name at least one indicator":                              "至少指定一项指标",
	"%q is not an indicator of the catalogue":                  "%q 不是指标目录中的指标",
	"%s is observed at %s level, not %s":                       "%[1]s 在%[2]s一级填报，不是%[3]s",
	"%s is named twice":                                        "%s 重复指定",
	"name at least one reviewer (a username or a county code)": "至少指定一名审核人（用户名或县级代码）",
	"%q is neither a county code nor a user":                   "%q 既不是县级代码也不是用户",

	"row %d has no region":     "第 %d 行没有地区",
	"region %s is given twice": "地区 %s 重复出现",
	"the reason for %s of region %s must be one line of at most %d characters": "地区 %[2]s 的 %[1]s 的变动说明须为一行，最多 %[3]d 个字符",
	"%q is not approve or return":        "%q 不是 approve 或 return",
	"say why the submission is returned": "请说明退回的原因",
	"at most %d characters":              "最多 %d 个字符",

	"indicator %q is not one of round %d's: %v":                            "指标 %[1]q 不在第 %[2]d 轮的指标中：%[3]v",
	"region %q does not exist":                                             "地区 %q 不存在",
	"region %q is not a %s, which round %d is reported by":                 "地区 %[1]q 不是%[2]s，而第 %[3]d 轮按此级填报",
	"round %d is published already":                                        "第 %d 轮已发布",
	"no submitted region inside %s to review":                              "%s 内没有待审核的已提交地区",
	"round %d is %s: nothing in it can change":                             "第 %d 轮状态为 %s，其中内容不能再更改",
	"nothing to submit: no region in draft or returned":                    "没有可提交的内容：没有处于草稿或退回状态的地区",
	"%d cells keep the submission back; nothing was submitted":             "%d 个单元格有问题，未提交任何内容",
	"The submission has problems; nothing was submitted":                   "填报有问题，未提交任何内容",
	"the submission of region %s is %s; only one that is %s can become %s": "地区 %[1]s 的填报状态为 %[2]s；只有状态为 %[3]s 的填报才能变为 %[4]s",

	"The template has problems; nothing was saved":                                                                        "模板有问题，未保存任何内容",
	"%d cells of the template cannot be used; nothing was saved":                                                          "模板中有 %d 个单元格无法使用，未保存任何内容",
	"the file cannot be read as the template: %v":                                                                         "无法按模板读取该文件：%v",
	"this column should be headed by %s, as in the template; upload the template as it was downloaded":                    "此列的表头应为 %s，与模板一致；请按下载时的样式上传模板",
	"the row has no region code":                                                                                          "该行没有地区代码",
	"region %q is not a reporting region of this round inside your region":                                                "地区 %q 不是本轮在你所辖范围内的填报地区",
	"region %s is given twice, in rows %d and %d":                                                                         "地区 %[1]s 重复出现，在第 %[2]d 行和第 %[3]d 行",
	"a reason is one line of at most %d characters":                                                                       "变动说明须为一行，最多 %d 个字符",
	"region %s is %s: its values can no longer change":                                                                    "地区 %[1]s 的状态为 %[2]s，数值不能再修改",
	"the change from last year's %g to %g is more than %g times the median change of all regions: give a one-line reason": "由上年的 %[1]g 变为 %[2]g，变动超过全部地区变动中位数的 %[3]g 倍：请写一行变动说明",
	"%g is outside the valid range %g to %g":                                                                              "%[1]g 超出有效范围 %[2]g 至 %[3]g",
	"no value":                                                                                                            "未填数值",
	"%g is not a whole number (%s counts)":                                                                                "%[1]g 不是整数（单位 %[2]s 为计数）",

	"%q is not published or provisional":                                              "%q 不是 published 或 provisional",
	"provisional values are for analysts and above; leaders see the published values": "未审定的数值仅供分析员及以上角色查看；领导只看已发布的数值",
}
