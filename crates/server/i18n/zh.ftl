# Liaison 界面，简体中文。

## 框架与导航
nav-skip = 跳至正文
nav-main = 主导航
nav-home = 首页
nav-organisations = 机构
nav-users = 用户
nav-audit = 审计日志
nav-account = 我的账户
nav-language = 语言
nav-set-language = 切换
nav-logout = 退出登录
footer-text = Liaison — 安全的刑事事项国际合作平台。每项操作均记录在防篡改的审计日志中。

## 登录
login-title = 登录
login-submit = 登录
second-factor-title = 第二重验证
second-factor-text = 请输入身份验证器应用显示的六位数验证码，或您的一个恢复码。
second-factor-submit = 确认

## 首页
home-title = 首页
home-welcome = 欢迎您，{ $name }。
home-orgs-text = 使用 Liaison 的各国主管机关和国际机构。
home-users-text = 本机构人员及其角色。
home-audit-text = 谁在何时、何地做了什么：防篡改的审计记录。
home-account-text = 您的语言、密码、第二重验证、会话和 API 令牌。

## 账户
account-title = 我的账户
account-security = 安全
account-totp-on = 第二重验证已启用。未使用的恢复码：{ $count } 个。
account-totp-off = 尚未设置第二重验证。请设置以保护您的账户。
account-totp-enrol = 设置第二重验证
account-totp-replace = 更换第二重验证
account-change-password = 修改密码
account-sessions = 活动会话
account-this-session = 当前会话
account-logout-everywhere = 在所有设备上退出登录
account-tokens = API 令牌
token-shown-once = 请立即复制此令牌，它将不会再次显示：
token-create = 创建令牌
token-revoke = 撤销
token-active = 有效
token-revoked = 已撤销
token-expired = 已过期
password-title = 修改密码
password-forced = 您的密码由管理员设置。请先设置您自己的密码，然后继续。
password-hint = 至少 12 个字符。最好使用由多个词组成的短语；常见密码将被拒绝。
password-submit = 修改密码
password-mismatch = 两次输入的新密码不一致
enrol-title = 第二重验证
enrol-required = 您的角色或机构要求启用第二重验证。请先设置后继续。
enrol-replace = 您已设置第二重验证；确认新的验证将替换原有验证及您的恢复码。
enrol-text = 请使用身份验证器应用（例如 FreeOTP 或 Aegis）扫描此二维码，然后输入应用显示的验证码。
enrol-manual = 或手动输入以下密钥：
enrol-submit = 启用
recovery-title = 恢复码
recovery-text = 请妥善保管这些一次性恢复码。如果您丢失了设备，每个恢复码可用于登录一次。这些恢复码仅在此时显示。
recovery-done = 我已妥善保存

## 管理
users-title = 用户
users-search = 按姓名搜索
users-new = 新建用户
users-create = 创建用户
users-back = 返回列表
user-new-title = 新建用户
user-title = 用户
user-edit = 编辑
user-disabled = 停用账户（将终止其所有会话和令牌）
user-reset-password = 重置密码
user-clear-second-factor = 同时移除第二重验证（设备丢失）
user-revoke-sessions = 终止该用户的所有会话
orgs-title = 机构
orgs-new = 新建机构
orgs-create = 创建机构
org-title = 机构
org-operator = 运营方
notice-saved = 已保存。
notice-password-reset = 密码已重置。该用户下次登录时必须修改密码。
notice-sessions-ended = 已终止会话：{ $count } 个。
action-search = 搜索
action-filter = 筛选
action-save = 保存

## 审计
audit-title = 审计日志
audit-export = 导出（JSON lines）
outcome-success = 成功
outcome-denied = 拒绝
outcome-failure = 失败

## 分页
pager-label = 分页
pager-prev = 上一页
pager-next = 下一页

## 字段
field-username = 用户名
field-password = 密码
field-code = 验证码
field-display-name = 姓名
field-email = 电子邮件
field-roles = 角色
field-role = 角色
field-organisation = 机构
field-org-id = 机构
field-status = 状态
field-second-factor = 第二重验证
field-last-login = 上次登录
field-created = 创建时间
field-name = 名称
field-country = 国家
field-kind = 类型
field-require-totp = 要求所有用户启用第二重验证
field-language = 语言
field-locale = 语言
field-initial-password = 初始密码
field-current-password = 当前密码
field-new-password = 新密码
field-confirm-password = 再次输入新密码
field-started = 开始时间
field-last-seen = 最近活动
field-client = 地址
field-browser = 浏览器
field-prefix = 开头字符
field-scopes = 权限范围
field-expires = 到期时间
field-expires-in-days = 有效期（天）
field-last-used = 上次使用
field-actor = 操作人
field-action = 操作
field-outcome = 结果
field-object = 对象
field-object-id = 对象
field-from = 自
field-to = 至
field-time = 时间
field-details = 详情
field-limit = 每页条数
field-offset = 偏移量

## 角色
role-administrator = 管理员
role-central-authority-officer = 中央机关工作人员
role-prosecutor = 检察官
role-liaison-officer = 联络官
role-working-group-secretary = 工作组秘书
role-analyst = 分析员
role-auditor = 审计员
role-observer = 观察员
role-data-steward = 参考数据管理员

## 机构类型
kind-central-authority = 中央机关
kind-prosecutor = 检察机关
kind-court = 法院
kind-ministry = 部委
kind-police = 警察机关
kind-fiu = 金融情报机构
kind-asset-recovery-office = 资产追回办公室
kind-customs = 海关
kind-investigative-committee = 侦查委员会
kind-international = 国际机构
kind-network-secretariat = 网络秘书处
kind-operator = 本系统运营方

## 账户状态
status-active = 已启用
status-disabled = 已停用
status-locked = 已锁定

## 错误
error-title = 错误
error-back-home = 返回首页
problem-unauthenticated = 请先登录。
problem-invalid-credentials = 用户名或密码错误。
problem-invalid-second-factor = 验证码错误或已被使用。
problem-not-found = 未找到。
problem-forbidden = 您的角色无权执行此操作。
problem-insufficient-scope = 所用令牌无权执行此操作。
problem-validation = 部分字段无效。
problem-bad-request = 无法读取该请求
problem-conflict = 该记录已存在。
problem-csrf = 表单的安全令牌缺失或与您的会话不匹配。请刷新页面后重试。
problem-rate-limited = 尝试次数过多。请在 { $seconds } 秒后重试。
problem-account-locked = 由于多次登录失败，该账户已被锁定。请在 { $seconds } 秒后重试。
problem-password-change-required = 您必须先修改密码。
problem-payload-too-large = 请求过大。
problem-unsupported-media-type = 不支持的内容类型。
problem-method-not-allowed = 不允许使用该方法。
problem-unavailable = 服务暂时不可用。
problem-internal = 系统内部出错。该错误已被记录。

## 名录与法律依据
nav-legal-basis = 法律依据
nav-directory = 名录
directory-title = 主管机关名录
directory-stale = 超过一年未确认
directory-stale-text = 此条目已超过一年未经确认。请先向该机关核实，再据此行事。
authority-title = 机关
authority-competences = 职权
authority-contacts = 联络人
authority-no-contacts = 尚未登记任何联络人。
authority-confirm = 确认此条目仍然准确
authority-edit = 编辑条目
authority-entry = 条目（JSON）
network-title = 网络
network-authorities = 其成员的主管机关
finder-title = 法律依据
finder-from = 请求国
finder-to = 被请求国
finder-date = 截至日期
finder-measure = 请求采取的措施
finder-offence = 所涉犯罪
finder-submit = 查找法律依据
finder-articles = 条款
finder-channel = 传递渠道
finder-language = 请求书语言
finder-dual-criminality = 双重犯罪
finder-time-limits = 期限
finder-send-to = 请求书发送至
finder-no-authority = 名录中尚无被请求国负责此类合作的机关。
finder-excluded = 已审查但未采用的文书
finder-declarations = 被请求国的声明
notice-confirmed = 已于今日确认。
field-cooperation = 合作类型
field-type = 合作类型
field-network = 网络
field-networks = 网络
field-languages = 语言
field-confirmed = 最近确认日期
field-name-en = 英文名称
field-website = 网站
field-provenance = 信息来源
field-stage = 诉讼阶段
field-function = 职务
field-phone = 电话
field-sources = 资料来源
field-scope = 职能范围
field-secretariat = 秘书处
field-members = 成员
field-participants = 参与方
field-date = 日期
field-authority = 条目
role-central-authority = 中央机关
role-competent-authority = 主管机关
coop-mla = 司法协助
coop-extradition = 引渡
coop-transfer-of-proceedings = 移交刑事诉讼
coop-transfer-of-sentenced-persons = 被判刑人移管
coop-confiscation = 冻结和没收
coop-recognition-of-judgment = 承认判决
level-bilateral = 双边
level-regional = 区域
level-universal = 普遍性
channel-centralauthority = 中央机关
channel-directjudicial = 司法机关之间直接联系
channel-diplomatic = 外交途径
channel-interpol = INTERPOL
dual-required = 要求
dual-mayrefuse = 如不具备，被请求国可以拒绝
dual-notrequired = 不要求
