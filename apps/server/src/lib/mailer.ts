import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends e-mail (password-reset codes); `createApp` gets one only when SMTP_URL is set. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * A mailer over the SMTP server in `url` (`smtp://user:pass@host:587`, `smtps://…:465`). The sender is
 * the SMTP user when it is an address, else `no-reply@` the public host.
 */
export function smtpMailer(url: string, publicUrl: string): Mailer {
  const user = decodeURIComponent(new URL(url).username);
  const address = user.includes('@') ? user : `no-reply@${new URL(publicUrl).hostname}`;
  const transport = nodemailer.createTransport(url);
  const from = { name: 'Sổ tay đảng viên điện tử', address };
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
    close: () => transport.close(),
  };
}
