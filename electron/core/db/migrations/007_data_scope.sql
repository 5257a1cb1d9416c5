-- Data scope (数据权限, electron/core/scope): the 员工号 a user account stands for, so a 客户经理
-- limited to the customers they manage (setting scope.account_manager_own_customers) sees the
-- customers whose 管户客户经理号 is theirs (customer_manager index of 001).
ALTER TABLE app_user ADD COLUMN staff_id TEXT;
