/** Wire types of the binding-notification console API (server binding-notification-wire.ts). */
export type NotificationStatus = 'pending' | 'delivered' | 'failed';
export type BindAction = '0' | '1';

export interface BindingCallback {
  /** '' when not configured. */
  url: string;
}

export interface BindingNotification {
  id: string;
  customer_id: string | null;
  domain_name: string;
  x_user_id: string;
  bind_action: BindAction;
  url: string;
  is_test: boolean;
  status: NotificationStatus;
  attempts: number;
  last_attempt_at?: string;
  last_response_status: number | null;
  last_error: string;
  delivered_at?: string;
  created_at: string;
}

export interface BindingNotificationList {
  total_count: number;
  notifications: BindingNotification[];
}

export interface BindingNotificationQuery {
  status?: NotificationStatus;
  bind_action?: BindAction;
  is_test?: string;
  domain_name?: string;
  offset?: number;
  limit?: number;
}
