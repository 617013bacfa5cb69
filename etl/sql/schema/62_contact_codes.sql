-- The words missions write for a hotline channel, a request topic, an alert channel and a
-- message language (English, Russian, Kazakh, as typed) → the stored code; NULL when unknown.
-- Matched after norm_name (case, punctuation and spacing do not matter).
CREATE OR REPLACE MACRO contact_code(kind, s) AS (
    SELECT code FROM (VALUES
        ('channel', 'phone', 'phone'), ('channel', 'telephone', 'phone'), ('channel', 'hotline', 'phone'),
        ('channel', 'call', 'phone'), ('channel', 'телефон', 'phone'), ('channel', 'горячая линия', 'phone'),
        ('channel', 'звонок', 'phone'), ('channel', 'жедел желі', 'phone'), ('channel', 'қоңырау', 'phone'),
        ('channel', 'whatsapp', 'whatsapp'), ('channel', 'ватсап', 'whatsapp'), ('channel', 'вотсап', 'whatsapp'),
        ('channel', 'telegram', 'telegram'), ('channel', 'телеграм', 'telegram'), ('channel', 'телеграмм', 'telegram'),
        ('channel', 'email', 'email'), ('channel', 'e mail', 'email'), ('channel', 'mail', 'email'),
        ('channel', 'почта', 'email'), ('channel', 'электронная почта', 'email'), ('channel', 'эл почта', 'email'),
        ('channel', 'электрондық пошта', 'email'), ('channel', 'пошта', 'email'),
        ('channel', 'walk in', 'walk-in'), ('channel', 'walkin', 'walk-in'), ('channel', 'in person', 'walk-in'),
        ('channel', 'личный приём', 'walk-in'), ('channel', 'личный прием', 'walk-in'), ('channel', 'приём', 'walk-in'),
        ('channel', 'прием', 'walk-in'), ('channel', 'жеке қабылдау', 'walk-in'), ('channel', 'қабылдау', 'walk-in'),
        ('channel', 'other', 'other'), ('channel', 'другое', 'other'), ('channel', 'басқа', 'other'),
        ('topic', 'leave', 'leave'), ('topic', 'leaving', 'leave'), ('topic', 'evacuation', 'leave'),
        ('topic', 'выезд', 'leave'), ('topic', 'эвакуация', 'leave'), ('topic', 'кету', 'leave'),
        ('topic', 'эвакуациялау', 'leave'), ('topic', 'шығу', 'leave'),
        ('topic', 'medical', 'medical'), ('topic', 'medical help', 'medical'), ('topic', 'медицина', 'medical'),
        ('topic', 'медицинская помощь', 'medical'), ('topic', 'медициналық көмек', 'medical'), ('topic', 'медицина көмегі', 'medical'),
        ('topic', 'documents', 'documents'), ('topic', 'document', 'documents'), ('topic', 'документы', 'documents'),
        ('topic', 'құжаттар', 'documents'), ('topic', 'құжат', 'documents'),
        ('topic', 'money', 'money'), ('topic', 'finance', 'money'), ('topic', 'деньги', 'money'),
        ('topic', 'финансы', 'money'), ('topic', 'ақша', 'money'), ('topic', 'қаржы', 'money'),
        ('topic', 'housing', 'housing'), ('topic', 'accommodation', 'housing'), ('topic', 'жильё', 'housing'),
        ('topic', 'жилье', 'housing'), ('topic', 'размещение', 'housing'), ('topic', 'тұрғын үй', 'housing'),
        ('topic', 'баспана', 'housing'), ('topic', 'орналастыру', 'housing'),
        ('topic', 'information', 'information'), ('topic', 'info', 'information'), ('topic', 'информация', 'information'),
        ('topic', 'ақпарат', 'information'),
        ('topic', 'other', 'other'), ('topic', 'другое', 'other'), ('topic', 'басқа', 'other'),
        ('alert_channel', 'kaspi', 'kaspi'), ('alert_channel', 'kaspi kz', 'kaspi'), ('alert_channel', 'каспи', 'kaspi'),
        ('alert_channel', 'push', 'kaspi'),
        ('alert_channel', 'sms', 'sms'), ('alert_channel', 'смс', 'sms'),
        ('alert_channel', 'email', 'email'), ('alert_channel', 'e mail', 'email'), ('alert_channel', 'почта', 'email'),
        ('alert_channel', 'электронная почта', 'email'), ('alert_channel', 'электрондық пошта', 'email'),
        ('alert_channel', 'other', 'other'), ('alert_channel', 'другое', 'other'), ('alert_channel', 'басқа', 'other'),
        ('language', 'kk', 'kk'), ('language', 'kaz', 'kk'), ('language', 'kazakh', 'kk'), ('language', 'қаз', 'kk'),
        ('language', 'каз', 'kk'), ('language', 'казахский', 'kk'), ('language', 'қазақша', 'kk'), ('language', 'қазақ тілі', 'kk'),
        ('language', 'ru', 'ru'), ('language', 'rus', 'ru'), ('language', 'russian', 'ru'), ('language', 'рус', 'ru'),
        ('language', 'русский', 'ru'), ('language', 'орысша', 'ru'), ('language', 'орыс тілі', 'ru'),
        ('language', 'en', 'en'), ('language', 'eng', 'en'), ('language', 'english', 'en'), ('language', 'англ', 'en'),
        ('language', 'английский', 'en'), ('language', 'ағылшынша', 'en'), ('language', 'ағылшын тілі', 'en')
    ) v(k, word, code)
    WHERE v.k = kind AND v.word = norm_name(s)
);
