import { Field } from '../../components/Field';

export interface Contact {
  name: string;
  email: string;
  phone: string;
}

/** A customer's name and how to reach them, as typed; main checks and normalises them. */
export function ContactFields({ contact, onChange }: { contact: Contact; onChange: (next: Contact) => void }) {
  const set = (field: keyof Contact) => (e: { target: { value: string } }) => onChange({ ...contact, [field]: e.target.value });
  return (
    <>
      <Field label="Name">
        {(props) => <input {...props} className="input" value={contact.name} maxLength={80} autoComplete="off" onChange={set('name')} />}
      </Field>
      <Field label="E-mail" help="An e-mail address or a phone number is needed.">
        {(props) => (
          <input
            {...props}
            className="input"
            type="email"
            value={contact.email}
            maxLength={254}
            autoComplete="off"
            onChange={set('email')}
          />
        )}
      </Field>
      <Field label="Phone">
        {(props) => (
          <input {...props} className="input" type="tel" value={contact.phone} maxLength={24} autoComplete="off" onChange={set('phone')} />
        )}
      </Field>
    </>
  );
}
